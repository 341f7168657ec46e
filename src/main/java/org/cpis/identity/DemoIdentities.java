package org.cpis.identity;

import java.util.List;
import org.cpis.shared.OdsCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo people and API clients of the embedded default, one per role (listed in the README). Created once; never
 * in production, where {@code cpis.identity.demo.enabled} is false.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DemoIdentities implements ApplicationRunner {

    static final OdsCode DEMO_LA = new OdsCode("E08000025"); // Birmingham City Council
    static final OdsCode DEMO_LA_2 = new OdsCode("E08000035"); // Leeds City Council
    static final OdsCode DEMO_ED = new OdsCode("X1A01"); // Northfield General Hospital Emergency Department
    static final OdsCode DEMO_MATERNITY = new OdsCode("X1A02");
    static final OdsCode DEMO_GP = new OdsCode("X2B01"); // Westgate Surgery

    record DemoPerson(String username, String displayName, Role role, OdsCode organisation, String email) {}

    record DemoClient(String clientId, String name, Role role, OdsCode organisation) {}

    static final List<DemoPerson> PEOPLE = List.of(
            new DemoPerson(
                    "ed.clinician",
                    "Dr Amira Khan",
                    Role.UNSCHEDULED_CLINICIAN,
                    DEMO_ED,
                    "amira.khan@northfield.nhs.example"),
            new DemoPerson(
                    "maternity.midwife",
                    "Grace Okafor",
                    Role.UNSCHEDULED_CLINICIAN,
                    DEMO_MATERNITY,
                    "grace.okafor@northfield.nhs.example"),
            new DemoPerson(
                    "gp.clinician",
                    "Dr Tom Hughes",
                    Role.SCHEDULED_CLINICIAN,
                    DEMO_GP,
                    "tom.hughes@westgate.nhs.example"),
            new DemoPerson(
                    "social.worker", "Sam Patel", Role.SOCIAL_WORKER, DEMO_LA, "sam.patel@birmingham.cpis.example"),
            new DemoPerson("duty.team", "Jo Williams", Role.DUTY_TEAM, DEMO_LA, "duty@birmingham.cpis.example"),
            new DemoPerson("mash.officer", "Chris Evans", Role.MASH, DEMO_LA, "chris.evans@birmingham.cpis.example"),
            new DemoPerson(
                    "data.manager", "Priya Shah", Role.LA_DATA_MANAGER, DEMO_LA, "priya.shah@birmingham.cpis.example"),
            new DemoPerson(
                    "leeds.data.manager",
                    "Alex Moore",
                    Role.LA_DATA_MANAGER,
                    DEMO_LA_2,
                    "alex.moore@leeds.cpis.example"),
            new DemoPerson(
                    "caldicott.guardian",
                    "Dr Helen Ward",
                    Role.PRIVACY_OFFICER,
                    DEMO_LA,
                    "helen.ward@birmingham.cpis.example"),
            new DemoPerson("admin", "Operator Admin", Role.ADMINISTRATOR, new OdsCode("X24"), "admin@cpis.example"));

    static final List<DemoClient> CLIENTS = List.of(
            new DemoClient("birmingham-case-system", "Birmingham children's case system", Role.LA_SYSTEM, DEMO_LA),
            new DemoClient("leeds-case-system", "Leeds children's case system", Role.LA_SYSTEM, DEMO_LA_2),
            new DemoClient("northfield-ed-system", "Northfield ED patient system", Role.HEALTH_SYSTEM, DEMO_ED),
            new DemoClient("westgate-gp-system", "Westgate Surgery clinical system", Role.HEALTH_SYSTEM, DEMO_GP));

    private static final Logger log = LoggerFactory.getLogger(DemoIdentities.class);

    private final IdentityService identities;
    private final PersonRepository people;
    private final ApiClientRepository clients;
    private final IdentityProperties properties;

    DemoIdentities(
            IdentityService identities,
            PersonRepository people,
            ApiClientRepository clients,
            IdentityProperties properties) {
        this.identities = identities;
        this.people = people;
        this.clients = clients;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo().enabled()) {
            return;
        }
        int created = 0;
        for (DemoPerson p : PEOPLE) {
            if (!people.exists(p.username())) {
                identities.registerPerson(
                        p.username(),
                        p.displayName(),
                        p.email(),
                        properties.demo().password(),
                        p.role(),
                        p.organisation());
                created++;
            }
        }
        for (DemoClient c : CLIENTS) {
            if (!clients.exists(c.clientId())) {
                identities.registerClient(
                        c.clientId(), c.name(), properties.demo().clientSecret(), c.role(), c.organisation());
                created++;
            }
        }
        if (created > 0) {
            log.info("Created {} demo identities (embedded default; see README)", created);
        }
    }
}
