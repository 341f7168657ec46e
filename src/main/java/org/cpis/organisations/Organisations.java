package org.cpis.organisations;

import java.io.Reader;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;

/** The organisations registry: the one way other modules read it and the operator loads it. */
public interface Organisations {

    Optional<Organisation> find(OdsCode odsCode);

    Optional<LocalAuthority> localAuthority(OdsCode odsCode);

    Optional<CareSetting> careSetting(OdsCode odsCode);

    List<LocalAuthority> localAuthorities();

    /** Registered organisations of any kind whose name or ODS code contains the text, for the administrator's pages. */
    List<Organisation> search(String text, int limit);

    /** Upserts local authorities by ODS code from the operator's CSV; all or nothing. */
    ImportResult importLocalAuthorities(Reader csv);

    /** Upserts health organisations/sites by ODS code from the operator's CSV; all or nothing. */
    ImportResult importCareSettings(Reader csv);

    /** The operator of the hub, whose administrators and privacy officers belong to it. */
    void registerOperator(OdsCode odsCode, String name);
}
