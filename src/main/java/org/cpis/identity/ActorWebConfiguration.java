package org.cpis.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets any controller take the current {@link Actor} as a parameter. A health system's token with its end user named
 * in request headers ({@link EndUserHeaders}) gives that person, acting via the system.
 */
@Configuration(proxyBeanMethods = false)
class ActorWebConfiguration implements WebMvcConfigurer {

    private final Supplier<EndUserHeaders> endUsers;

    ActorWebConfiguration(ObjectProvider<EndUserHeaders> endUsers) {
        // Resolved at the first request, not on each: asking the bean factory took 3% of a FHIR read's CPU.
        this.endUsers = SingletonSupplier.of(endUsers::getIfAvailable);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Actor.class;
            }

            @Override
            public Object resolveArgument(
                    MethodParameter parameter,
                    ModelAndViewContainer mav,
                    NativeWebRequest request,
                    WebDataBinderFactory binders) {
                Actor actor = Actor.from(SecurityContextHolder.getContext().getAuthentication())
                        .orElseThrow(() -> new AccessDeniedException("no cpis identity"));
                EndUserHeaders headers = endUsers.get();
                HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
                if (actor.system() && headers != null && http != null) {
                    return headers.endUser(actor, http).orElse(actor);
                }
                return actor;
            }
        });
    }
}
