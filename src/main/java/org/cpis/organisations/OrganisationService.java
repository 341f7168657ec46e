package org.cpis.organisations;

import java.io.Reader;
import java.util.List;
import java.util.Optional;
import org.cpis.shared.OdsCode;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class OrganisationService implements Organisations {

    private final OrganisationRepository repository;

    OrganisationService(OrganisationRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Organisation> find(OdsCode odsCode) {
        return repository.find(odsCode);
    }

    @Override
    public Optional<LocalAuthority> localAuthority(OdsCode odsCode) {
        return repository.localAuthority(odsCode);
    }

    @Override
    public Optional<CareSetting> careSetting(OdsCode odsCode) {
        return repository
                .find(odsCode)
                .filter(Organisation::isHealth)
                .map(o -> new CareSetting(o.odsCode(), o.name(), o.careSettingType()));
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
        return new ImportResult(parsed.rows().size(), List.of());
    }

    @Override
    @Transactional
    public void registerOperator(OdsCode odsCode, String name) {
        repository.upsert(odsCode, OrganisationKind.OPERATOR, name, null);
    }
}
