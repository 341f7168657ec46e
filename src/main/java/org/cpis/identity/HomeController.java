package org.cpis.identity;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cpis.organisations.Organisations;
import org.cpis.shared.EnglandDate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class HomeController {

    /** An OpenID Connect provider offered on the sign-in page. */
    record SignInOption(String registrationId, String name) {}

    private final ObjectProvider<ClientRegistrationRepository> oidcProviders;
    private final ObjectProvider<HomeNotices> notices;
    private final Organisations organisations;
    private final Clock clock;

    HomeController(
            ObjectProvider<ClientRegistrationRepository> oidcProviders,
            ObjectProvider<HomeNotices> notices,
            Organisations organisations,
            Clock clock) {
        this.oidcProviders = oidcProviders;
        this.notices = notices;
        this.organisations = organisations;
        this.clock = clock;
    }

    @GetMapping("/")
    String home(Actor actor, Model model) {
        model.addAttribute("tasks", HomeTasks.forRole(actor.role()));
        model.addAttribute(
                "notices",
                notices.orderedStream()
                        .flatMap(n -> n.noticesFor(actor).stream())
                        .toList());
        // The LA's numbers are what clinicians ring at night: its data manager is reminded to confirm them.
        model.addAttribute(
                "confirmContacts",
                actor.role() == Role.LA_DATA_MANAGER
                        && organisations.contactsNeedConfirming(actor.organisation(), EnglandDate.today(clock)));
        return "home";
    }

    @GetMapping("/login")
    String login(Model model) {
        List<SignInOption> options = new ArrayList<>();
        ClientRegistrationRepository repository = oidcProviders.getIfAvailable();
        if (repository instanceof Iterable<?> registrations) {
            for (Object r : registrations) {
                ClientRegistration registration = (ClientRegistration) r;
                options.add(new SignInOption(registration.getRegistrationId(), registration.getClientName()));
            }
        }
        model.addAttribute("oidcOptions", options);
        return "login";
    }
}
