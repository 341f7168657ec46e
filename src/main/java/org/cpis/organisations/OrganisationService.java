package org.cpis.organisations;

import java.io.Reader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
class OrganisationService implements Organisations {

    /**
     * Every API call and lookup reads the caller's and the LAs' registry entries, which change a few times a year: they
     * are kept for a minute (on other nodes, a registry change is seen within that minute).
     */
    private static final long CACHE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private record Cached<T>(T value, long loadedAt) {}

    private final OrganisationRepository repository;
    private final RegistryAdminRepository admin;
    private final RegistryChanges changes;
    private final Map<OdsCode, Cached<Optional<Organisation>>> organisations = new ConcurrentHashMap<>();
    private final Map<OdsCode, Cached<Optional<LocalAuthority>>> localAuthorities = new ConcurrentHashMap<>();

    OrganisationService(OrganisationRepository repository, RegistryAdminRepository admin, RegistryChanges changes) {
        this.changes = changes;
        changes.onChange(this::clearCache);
        this.repository = repository;
        this.admin = admin;
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

    /**
     * Empties this node's cache now and again when the change commits, so that no reader caches the old entry in
     * between; {@link RegistryChanges} tells the other nodes.
     */
    private void forget() {
        clearCache();
        changes.changed();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    clearCache();
                }
            });
        }
    }

    void clearCache() {
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
    @Transactional(readOnly = true)
    public RegistryEntry.Page list(String query, int page, int pageSize) {
        return admin.page(query == null ? "" : query.strip(), Math.max(0, page), Math.max(1, Math.min(pageSize, 200)));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RegistryEntry> entry(OdsCode odsCode) {
        return admin.entry(odsCode);
    }

    @Override
    @Transactional
    public boolean create(RegistryEntry entry) {
        requireCreatable(entry);
        boolean created = admin.insert(entry);
        forget();
        return created;
    }

    @Override
    @Transactional
    public boolean update(RegistryEntry entry) {
        boolean updated = admin.update(entry);
        forget();
        return updated;
    }

    @Override
    @Transactional
    public boolean setActive(OdsCode odsCode, boolean active) {
        boolean changed = admin.setActive(odsCode, active);
        forget();
        return changed;
    }

    @Override
    @Transactional
    public boolean updateContacts(
            OdsCode la, String emergencyDutyPhone, String officeHoursPhone, String dutyTeamEmail, LocalDate today) {
        boolean updated = admin.updateContacts(la, emergencyDutyPhone, officeHoursPhone, dutyTeamEmail, today);
        forget();
        return updated;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean contactsNeedConfirming(OdsCode la, LocalDate today) {
        return admin.entry(la)
                .filter(e -> e.kind() == OrganisationKind.LOCAL_AUTHORITY)
                .map(e -> ContactsReminder.due(e.contactsConfirmedOn(), today))
                .orElse(false);
    }

    private static void requireCreatable(RegistryEntry entry) {
        if (entry.kind() == OrganisationKind.OPERATOR) {
            throw new IllegalArgumentException("the operator is set by configuration, not created");
        }
    }

    @Override
    @Transactional
    public void registerOperator(OdsCode odsCode, String name) {
        repository.upsert(odsCode, OrganisationKind.OPERATOR, name, null);
        forget();
    }
}
