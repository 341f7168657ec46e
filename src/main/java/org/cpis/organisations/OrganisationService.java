package org.cpis.organisations;

import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class OrganisationService implements Organisations {

    /**
     * Every API call and lookup reads the caller's and the LAs' registry entries, which change a few times a year: they
     * are kept for a minute (on other nodes, a registry change is seen within that minute).
     */
    private static final long CACHE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Cached<T>(T value, long loadedAt) {}

    private final OrganisationRepository repository;
    private final Map<OdsCode, Cached<Optional<Organisation>>> organisations = new ConcurrentHashMap<>();
    private final Map<OdsCode, Cached<Optional<LocalAuthority>>> localAuthorities = new ConcurrentHashMap<>();

    OrganisationService(OrganisationRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Organisation> find(OdsCode odsCode) {
        return cached(organisations, odsCode, repository::find);
    }

    @Override
    public Optional<LocalAuthority> localAuthority(OdsCode odsCode) {
        return cached(localAuthorities, odsCode, repository::localAuthority);
    }

    private static <T> T cached(Map<OdsCode, Cached<T>> cache, OdsCode key, Function<OdsCode, T> load) {
        long now = System.nanoTime();
        Cached<T> entry = cache.get(key);
        if (entry == null || now - entry.loadedAt() > CACHE_NANOS) {
            entry = new Cached<>(load.apply(key), now);
            cache.put(key, entry);
        }
        return entry.value();
    }

    private void forget() {
        organisations.clear();
        localAuthorities.clear();
    }

    @Override
    public Optional<CareSetting> careSetting(OdsCode odsCode) {
        return repository
                .find(odsCode)
                .filter(Organisation::isHealth)
                .map(o -> new CareSetting(
                        o.odsCode(),
                        o.name(),
                        o.careSettingType(),
                        repository.phone(o.odsCode()).orElse(null)));
    }

    @Override
    public List<LocalAuthority> localAuthorities() {
        return repository.localAuthorities();
    }

    @Override
    public List<Organisation> search(String text, int limit) {
        return repository.search(text == null ? "" : text.trim(), Math.max(1, Math.min(limit, 200)));
    }

    @Override
    @Transactional
    public ImportResult importLocalAuthorities(Reader csv) {
        RegistryCsv.Parsed<LocalAuthority> parsed = RegistryCsv.localAuthorities(csv);
        if (!parsed.problems().isEmpty()) {
            return new ImportResult(0, parsed.problems());
        }
        parsed.rows().forEach(repository::upsertLocalAuthority);
        forget();
        return new ImportResult(parsed.rows().size(), List.of());
    }

    @Override
    @Transactional
    public ImportResult importCareSettings(Reader csv) {
        RegistryCsv.Parsed<CareSetting> parsed = RegistryCsv.careSettings(csv);
        if (!parsed.problems().isEmpty()) {
            return new ImportResult(0, parsed.problems());
        }
        parsed.rows().forEach(repository::upsertCareSetting);
        forget();
        return new ImportResult(parsed.rows().size(), List.of());
    }

    @Override
    @Transactional
    public void registerOperator(OdsCode odsCode, String name) {
        repository.upsert(odsCode, OrganisationKind.OPERATOR, name, null);
        forget();
    }
}
