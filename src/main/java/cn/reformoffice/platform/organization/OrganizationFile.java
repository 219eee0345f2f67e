package cn.reformoffice.platform.organization;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The organization configuration file: units, lead leaders, office staff, unit users and admins.
 * Ids are alphanumeric (Camunda identity ids); Chinese names go into {@code name}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record OrganizationFile(Office office, List<Unit> units, List<Person> leaders, List<Person> people,
        List<Person> admins) {

    public OrganizationFile {
        units = units == null ? List.of() : units;
        leaders = leaders == null ? List.of() : leaders;
        people = people == null ? List.of() : people;
        admins = admins == null ? List.of() : admins;
    }

    public record Office(String id, String name) {
    }

    /**
     * A lead or cooperating unit; {@code kind} is department or working-group (专项工作小组);
     * {@code email} and {@code webhook} (an IM robot URL) receive its reminders.
     */
    public record Unit(String id, String name, List<String> aliases, String kind, String email, String webhook) {
        public Unit {
            aliases = aliases == null ? List.of() : aliases;
            kind = kind == null ? "department" : kind;
        }
    }

    /**
     * A person. {@code unit} is the unit id (or the office id) for office staff and unit users;
     * {@code password} only appears in demo files.
     */
    public record Person(String id, String name, String title, String unit, String email, String password) {
    }
}
