package org.cpis.identity;

import java.util.List;

/**
 * Warnings another module puts at the top of a role's home page (the audit chain's integrity on the privacy officer's,
 * issue 12). Each notice is plain text, never personal data.
 */
public interface HomeNotices {

    List<String> noticesFor(Actor actor);
}
