package cn.reformoffice.platform.organization;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import cn.reformoffice.platform.organization.OrganizationFile.Person;
import cn.reformoffice.platform.organization.OrganizationFile.Unit;

/**
 * The organization as read from the configuration file: who the units, leaders and staff are,
 * and how names and aliases map to ids. Loaded once at start-up; invalid files stop the start.
 */
@Component
public class OrganizationDirectory {

    public static final String LEADERS_GROUP = "leaders";
    public static final String ADMIN_GROUP = "camunda-admin";
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]+");

    private final OrganizationFile file;
    private final Map<String, Unit> unitsById = new LinkedHashMap<>();
    private final Map<String, Unit> unitsByName = new LinkedHashMap<>();
    private final Map<String, Person> leadersById = new LinkedHashMap<>();
    private final Map<String, Person> leadersByName = new LinkedHashMap<>();
    private final Map<String, Person> peopleById = new LinkedHashMap<>();
    /** Units not in the file, created at runtime as Camunda groups (a plan import names a new unit). */
    private final Map<String, Unit> runtimeUnits = new ConcurrentHashMap<>();

    @Autowired
    public OrganizationDirectory(OrganizationProperties properties) {
        this(read(properties));
    }

    OrganizationDirectory(OrganizationFile file) {
        this.file = file;
        validateAndIndex();
    }

    static OrganizationFile read(OrganizationProperties properties) {
        if (properties.file() == null || !properties.file().exists()) {
            throw new IllegalStateException("Organization file not found: " + properties.file()
                    + " (set reform.organization.file)");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = properties.file().getInputStream()) {
            return yaml.readValue(in, OrganizationFile.class);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read organization file " + properties.file() + ": "
                    + e.getMessage(), e);
        }
    }

    private void validateAndIndex() {
        if (file.office() == null || file.office().id() == null) {
            throw new IllegalStateException("Organization file: 'office' with an id is required");
        }
        Set<String> groupIds = new HashSet<>(Set.of(office().id(), LEADERS_GROUP, ADMIN_GROUP));
        requireId(office().id(), "office");
        for (Unit unit : file.units()) {
            requireId(unit.id(), "unit " + unit.name());
            if (!groupIds.add(unit.id())) {
                throw new IllegalStateException("Organization file: duplicate group id " + unit.id());
            }
            unitsById.put(unit.id(), unit);
            indexName(unit.name(), unit);
            unit.aliases().forEach(alias -> indexName(alias, unit));
        }
        Set<String> userIds = new HashSet<>();
        for (Person leader : file.leaders()) {
            requireUser(leader, userIds);
            leadersById.put(leader.id(), leader);
            leadersByName.put(leader.name(), leader);
        }
        for (Person person : file.people()) {
            requireUser(person, userIds);
            if (!office().id().equals(person.unit()) && !unitsById.containsKey(person.unit())) {
                throw new IllegalStateException("Organization file: person " + person.id()
                        + " belongs to unknown unit " + person.unit());
            }
        }
        file.admins().forEach(admin -> requireUser(admin, userIds));
        for (Person p : allPeople()) {
            peopleById.put(p.id(), p);
        }
    }

    private void indexName(String name, Unit unit) {
        Unit previous = unitsByName.putIfAbsent(name, unit);
        if (previous != null && previous != unit) {
            throw new IllegalStateException("Organization file: name or alias '" + name + "' used by "
                    + previous.id() + " and " + unit.id());
        }
    }

    private static void requireUser(Person person, Set<String> userIds) {
        requireId(person.id(), "person " + person.name());
        if (person.name() == null || person.name().isBlank()) {
            throw new IllegalStateException("Organization file: person " + person.id() + " has no name");
        }
        if (!userIds.add(person.id())) {
            throw new IllegalStateException("Organization file: duplicate user id " + person.id());
        }
    }

    private static void requireId(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalStateException("Organization file: id of " + what
                    + " must be letters and digits only, was '" + id + "'");
        }
    }

    public OrganizationFile.Office office() {
        return file.office();
    }

    public String officeGroupId() {
        return file.office().id();
    }

    public List<Unit> units() {
        return List.copyOf(unitsById.values());
    }

    public List<Person> leaders() {
        return List.copyOf(leadersById.values());
    }

    public List<Person> people() {
        return file.people();
    }

    public List<Person> admins() {
        return file.admins();
    }

    public List<Person> allPeople() {
        List<Person> all = new ArrayList<>(file.leaders());
        all.addAll(file.people());
        all.addAll(file.admins());
        return all;
    }

    /** A unit by id, full name or alias (市发改委 = 市发展改革委). */
    public Optional<Unit> findUnit(String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        String key = idOrName.trim();
        return Optional.ofNullable(unitsById.get(key)).or(() -> Optional.ofNullable(unitsByName.get(key)))
                .or(() -> Optional.ofNullable(runtimeUnits.get(key)))
                .or(() -> runtimeUnits.values().stream().filter(unit -> unit.name().equals(key)).findFirst());
    }

    /** Every unit name and alias with its unit, runtime units included: for matching names in imported plans. */
    public Map<String, Unit> unitsByNameAndAlias() {
        Map<String, Unit> names = new LinkedHashMap<>(unitsByName);
        runtimeUnits.values().forEach(unit -> names.putIfAbsent(unit.name(), unit));
        return names;
    }

    /** Units created at runtime, not in the organization file. */
    public List<Unit> runtimeUnits() {
        return List.copyOf(runtimeUnits.values());
    }

    /**
     * Makes a unit known that is not in the organization file but exists as a Camunda group (created when
     * the office imports a plan naming a new unit). Refused when its id or name is already used.
     */
    public Unit addRuntimeUnit(String id, String name) {
        requireId(id, "unit " + name);
        if (unitsById.containsKey(id) || officeGroupId().equals(id) || LEADERS_GROUP.equals(id)
                || ADMIN_GROUP.equals(id) || findUnit(name).filter(unit -> !unit.id().equals(id)).isPresent()) {
            throw new IllegalStateException("Unit id or name already used: " + id + " " + name);
        }
        Unit unit = new Unit(id, name, List.of(), "department", null, null);
        runtimeUnits.putIfAbsent(id, unit);
        return runtimeUnits.get(id);
    }

    public void removeRuntimeUnit(String id) {
        runtimeUnits.remove(id);
    }

    /** A lead leader by user id or name. */
    public Optional<Person> findLeader(String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        String key = idOrName.trim();
        return Optional.ofNullable(leadersById.get(key)).or(() -> Optional.ofNullable(leadersByName.get(key)));
    }

    public String unitName(String unitId) {
        if (officeGroupId().equals(unitId)) {
            return office().name();
        }
        Unit unit = unitsById.get(unitId);
        if (unit == null) {
            unit = runtimeUnits.get(unitId);
        }
        return unit == null ? unitId : unit.name();
    }

    public String personName(String userId) {
        Person person = peopleById.get(userId);
        return person == null ? userId : person.name();
    }
}
