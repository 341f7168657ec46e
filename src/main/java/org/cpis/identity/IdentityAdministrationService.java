package org.cpis.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.cpis.organisations.Organisation;
import org.cpis.organisations.Organisations;
import org.cpis.shared.OdsCode;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class IdentityAdministrationService implements IdentityAdministration {

    /** 32 random bytes: as strong as the AES keys; shown once, stored as a BCrypt hash. */
    private static final int SECRET_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AdministrationRepository repository;
    private final PersonRepository people;
    private final ApiClientRepository clients;
    private final IdentityStatus status;
    private final Organisations organisations;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    IdentityAdministrationService(
            AdministrationRepository repository,
            PersonRepository people,
            ApiClientRepository clients,
            IdentityStatus status,
            Organisations organisations,
            PasswordEncoder passwordEncoder,
            Clock clock) {
        this.repository = repository;
        this.people = people;
        this.clients = clients;
        this.status = status;
        this.organisations = organisations;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public PersonPage people(String query, int page, int pageSize) {
        return repository.people(query == null ? "" : query.strip(), Math.max(0, page), Math.max(1, pageSize));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PersonSummary> person(String username) {
        return repository.person(username);
    }

    @Override
    @Transactional
    public void createPerson(NewPerson p) {
        requireBinding(p.role(), p.organisation(), false);
        requireOidcFree(p.oidcIssuer(), p.oidcSubject(), p.username());
        if (p.password() == null && p.oidcIssuer() == null) {
            throw new Refused("password", "Enter a password or an OpenID Connect issuer and subject");
        }
        String hash = p.password() == null ? null : passwordEncoder.encode(p.password());
        boolean inserted = people.insertIfAbsent(
                p.username(),
                p.displayName(),
                hash,
                p.role(),
                p.organisation(),
                p.oidcIssuer(),
                p.oidcSubject(),
                p.email());
        if (!inserted) {
            throw new Refused("username", "A person with this username already exists");
        }
    }

    @Override
    @Transactional
    public void changePerson(String username, PersonChange change) {
        requireBinding(change.role(), change.organisation(), false);
        requireOidcFree(change.oidcIssuer(), change.oidcSubject(), username);
        if (!repository.changePerson(username, change)) {
            throw new Refused("username", "There is no such person");
        }
        status.forgetPerson(username); // a disabled person's session ends at once on this node
    }

    @Override
    @Transactional(readOnly = true)
    public List<ApiClientSummary> clients() {
        return repository.clients();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ApiClientSummary> client(String clientId) {
        return repository.client(clientId);
    }

    @Override
    @Transactional
    public String createClient(String clientId, String name, Role role, OdsCode organisation) {
        requireBinding(role, organisation, true);
        if (clients.exists(clientId)) {
            throw new Refused("clientId", "An API client with this client ID already exists");
        }
        String secret = newSecret();
        clients.insert(clientId, name, passwordEncoder.encode(secret), role, organisation);
        return secret;
    }

    @Override
    @Transactional
    public String rotateSecret(String clientId, Duration overlap) {
        String secret = newSecret();
        if (!repository.rotate(
                clientId, passwordEncoder.encode(secret), clock.instant().plus(overlap))) {
            throw new Refused("clientId", "This API client is revoked or does not exist");
        }
        return secret;
    }

    @Override
    @Transactional
    public boolean revokeClient(String clientId) {
        boolean revoked = repository.revoke(clientId);
        status.forgetClient(clientId);
        return revoked;
    }

    private void requireOidcFree(String issuer, String subject, String username) {
        if ((issuer == null) != (subject == null)) {
            throw new Refused("oidcSubject", "Enter both the issuer and the subject, or neither");
        }
        if (issuer != null && repository.oidcTaken(issuer, subject, username)) {
            throw new Refused("oidcSubject", "Another person is already bound to this issuer and subject");
        }
    }

    private void requireBinding(Role role, OdsCode ods, boolean system) {
        if (role.system() != system) {
            throw new Refused("role", system ? "Select a system role" : "A person cannot hold a system role");
        }
        Organisation org = organisations
                .find(ods)
                .orElseThrow(() -> new Refused("organisation", "No active organisation has this ODS code"));
        if (!role.allowedFor(org.kind())) {
            throw new Refused(
                    "role",
                    role.displayName() + " cannot belong to a "
                            + org.kind().displayName().toLowerCase() + " organisation");
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
