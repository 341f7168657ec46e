package org.cpis.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cpis.organisations.CareSettingType;
import org.cpis.organisations.Organisation;
import org.cpis.organisations.Organisations;
import org.cpis.shared.InvalidIdentifierException;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A system token's end user, named in request headers the NHS England API platform's way (docs/api.md, "Naming the
 * person"): {@code NHSD-Session-UUID} (the user's identifier, required), {@code NHSD-Session-URID} (their selected role
 * profile), {@code NHSD-End-User-Organisation-ODS} (must be the system's own organisation) and
 * {@code NHSD-Requesting-Practitioner} (base64 FHIR PractitionerRole whose {@code practitioner.display} is their name).
 * The person then acts with the clinician role of the system's care setting, via the system.
 */
@Component
class EndUserHeaders {

    static final String USER_ID = "NHSD-Session-UUID";
    static final String ROLE_ID = "NHSD-Session-URID";
    static final String ORGANISATION = "NHSD-End-User-Organisation-ODS";
    static final String PRACTITIONER = "NHSD-Requesting-Practitioner";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._@:-]{1,64}");
    private static final int MAX_NAME = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Organisations organisations;

    EndUserHeaders(Organisations organisations) {
        this.organisations = organisations;
    }

    /** The person the system names, or empty if it names nobody. */
    Optional<Actor> endUser(Actor system, HttpServletRequest request) {
        if (system.role() != Role.HEALTH_SYSTEM) {
            return Optional.empty();
        }
        String userId = request.getHeader(USER_ID);
        if (userId == null) {
            if (request.getHeader(ORGANISATION) != null || request.getHeader(PRACTITIONER) != null) {
                throw new PersonNotNamedException(USER_ID + " is required to name the end user");
            }
            return Optional.empty();
        }
        if (!IDENTIFIER.matcher(userId).matches()) {
            throw new PersonNotNamedException(USER_ID + " must be 1 to 64 letters, digits or . _ @ : -");
        }
        String roleId = request.getHeader(ROLE_ID);
        if (roleId != null && !IDENTIFIER.matcher(roleId).matches()) {
            throw new PersonNotNamedException(ROLE_ID + " must be 1 to 64 letters, digits or . _ @ : -");
        }
        requireOwnOrganisation(system, request.getHeader(ORGANISATION));
        String name = practitionerName(request.getHeader(PRACTITIONER)).orElse(userId);
        return Optional.of(new Actor(
                userId,
                name,
                clinicianRole(system.organisation()),
                system.organisation(),
                system.organisationName(),
                system.id()));
    }

    private static void requireOwnOrganisation(Actor system, String ods) {
        if (ods == null) {
            return;
        }
        try {
            if (OdsCode.of(ods).equals(system.organisation())) {
                return;
            }
        } catch (InvalidIdentifierException e) {
            // answered below
        }
        throw new PersonNotNamedException(ORGANISATION + " must be the calling system's own organisation");
    }

    /** The end user's name from a base64 FHIR PractitionerRole (the Booking and Referral Standard's header). */
    private static Optional<String> practitionerName(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            JsonNode role =
                    JSON.readTree(new String(Base64.getDecoder().decode(header.trim()), StandardCharsets.UTF_8));
            String display =
                    role.path("practitioner").path("display").asString("").strip();
            if (!display.isEmpty()
                    && display.length() <= MAX_NAME
                    && display.codePoints().noneMatch(Character::isISOControl)) {
                return Optional.of(display);
            }
        } catch (IllegalArgumentException | JacksonException e) {
            // answered below
        }
        throw new PersonNotNamedException(
                PRACTITIONER + " must be a base64 PractitionerRole with practitioner.display");
    }

    /** A person in an unscheduled care setting acts as its clinician; anywhere else as a scheduled-care clinician. */
    Role clinicianRole(OdsCode organisation) {
        boolean unscheduled = organisations
                .find(organisation)
                .map(Organisation::careSettingType)
                .map(CareSettingType::unscheduled)
                .orElse(false);
        return unscheduled ? Role.UNSCHEDULED_CLINICIAN : Role.SCHEDULED_CLINICIAN;
    }
}
