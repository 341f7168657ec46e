package org.cpis.organisations;

import java.io.Reader;
import java.time.LocalDate;
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

    /** The whole registry, active or not, a page at a time (from 0), narrowed to names or ODS codes like the text. */
    RegistryEntry.Page list(String query, int page, int pageSize);

    /** One organisation, active or not, with every contact detail. */
    Optional<RegistryEntry> entry(OdsCode odsCode);

    /** Adds a local authority or health organisation; false if the ODS code is taken. Joins the caller's transaction. */
    boolean create(RegistryEntry entry);

    /** Changes an organisation's name and details (not its kind); false if there is none of that code and kind. */
    boolean update(RegistryEntry entry);

    /**
     * Deactivates (or reactivates) an organisation: inactive, it is not found, so its people cannot sign in or act and
     * its systems' tokens are refused. The operator cannot be deactivated. False if nothing changed.
     */
    boolean setActive(OdsCode odsCode, boolean active);

    /** The LA data manager's own contact details, confirmed today; lookups show them at once. */
    boolean updateContacts(
            OdsCode la, String emergencyDutyPhone, String officeHoursPhone, String dutyTeamEmail, LocalDate today);

    /** Whether the LA's contact details were last confirmed more than 90 days before today, or never. */
    boolean contactsNeedConfirming(OdsCode la, LocalDate today);

    /** The operator of the hub, whose administrators and privacy officers belong to it. */
    void registerOperator(OdsCode odsCode, String name);
}
