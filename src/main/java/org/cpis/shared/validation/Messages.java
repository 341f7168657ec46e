package org.cpis.shared.validation;

/** Helpers for the validators' own messages. */
final class Messages {

    private Messages() {}

    /** A message used as it is: Bean Validation would otherwise read "{", "}" and "$" as expressions. */
    static String literal(String message) {
        return message.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }
}
