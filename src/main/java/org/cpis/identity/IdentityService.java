package org.cpis.identity;

import java.util.Optional;
import org.cpis.organisations.Organisation;
import org.cpis.organisations.Organisations;
import org.cpis.shared.OdsCode;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers identities and turns a stored identity into the {@link Actor} it acts as. */
@Service
class IdentityService implements UserDetailsService, People {

    private final PersonRepository people;
    private final ApiClientRepository clients;
    private final Organisations organisations;
    private final PasswordEncoder passwordEncoder;
    private final Lockouts lockouts;

    IdentityService(
            PersonRepository people,
            ApiClientRepository clients,
            Organisations organisations,
            PasswordEncoder passwordEncoder,
            Lockouts lockouts) {
        this.people = people;
        this.clients = clients;
        this.organisations = organisations;
        this.passwordEncoder = passwordEncoder;
        this.lockouts = lockouts;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        PersonRepository.PersonRow row = people.byUsername(username.trim().toLowerCase())
                .filter(p -> p.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("unknown person"));
        Optional<Actor> actor = actor(row.username(), row.displayName(), row.role(), row.organisation());
        // A person whose organisation has left the registry cannot sign in, whatever their password.
        return new PersonDetails(
                actor.orElseGet(() -> new Actor(row.username(), row.displayName(), row.role(), row.organisation(), "")),
                row.passwordHash(),
                row.enabled() && actor.isPresent(),
                // A locked-out person is refused before the password is checked (no BCrypt work for the guesser).
                lockouts.locked(Lockouts.Kind.PERSON, row.username()));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> email(Actor actor) {
        return actor.system() ? Optional.empty() : people.email(actor.id());
    }

    @Transactional(readOnly = true)
    public Optional<Actor> oidcPerson(String issuer, String subject) {
        return people.byOidcSubject(issuer, subject)
                .filter(PersonRepository.PersonRow::enabled)
                .flatMap(p -> actor(p.username(), p.displayName(), p.role(), p.organisation()));
    }

    /** The actor for a role and organisation, if the organisation is registered and of a kind the role allows. */
    Optional<Actor> actor(String id, String displayName, Role role, OdsCode organisation) {
        return organisations
                .find(organisation)
                .filter(o -> role.allowedFor(o.kind()))
                .map(o -> new Actor(id, displayName, role, o.odsCode(), o.name()));
    }

    @Transactional
    public boolean registerPerson(
            String username, String displayName, String email, String password, Role role, OdsCode organisation) {
        requireBinding(role, organisation, false);
        return people.insertIfAbsent(
                username, displayName, passwordEncoder.encode(password), role, organisation, null, null, email);
    }

    @Transactional
    public boolean registerOidcPerson(
            String username, String displayName, String issuer, String subject, Role role, OdsCode organisation) {
        requireBinding(role, organisation, false);
        return people.insertIfAbsent(username, displayName, null, role, organisation, issuer, subject, null);
    }

    @Transactional
    public void registerClient(String clientId, String name, String secret, Role role, OdsCode organisation) {
        requireBinding(role, organisation, true);
        clients.insert(clientId, name, passwordEncoder.encode(secret), role, organisation);
    }

    private void requireBinding(Role role, OdsCode organisation, boolean system) {
        if (role.system() != system) {
            throw new IllegalArgumentException(
                    system ? "an API client needs a system role" : "a person cannot hold a system role");
        }
        Organisation org = organisations
                .find(organisation)
                .orElseThrow(() -> new IllegalArgumentException("organisation " + organisation + " is not registered"));
        if (!role.allowedFor(org.kind())) {
            throw new IllegalArgumentException(role + " cannot belong to a " + org.kind() + " organisation");
        }
    }
}
