package cn.reformoffice.platform.planimport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.organization.OrganizationFile.Person;
import cn.reformoffice.platform.organization.OrganizationFile.Unit;

/**
 * Matches unit and leader names of a plan against the organization: exactly (ids, names, aliases such
 * as 市发改委 = 市发展改革委), then width-folded (各县（区） = 各县(区)), then as the office resolved them
 * (in the confirm request, or in an earlier import). Unknown names come with the closest known names.
 */
@Component
class NameMatcher {

    enum Role {
        UNIT("单位"), LEADER("领衔领导");

        final String label;

        Role(String label) {
            this.label = label;
        }
    }

    /** KNOWN: in the organization; MAPPED/REMEMBERED: resolved now/earlier; CREATE: new unit; IGNORED; UNKNOWN. */
    enum Status {
        KNOWN, MAPPED, REMEMBERED, CREATE, IGNORED, UNKNOWN
    }

    record Match(String name, Status status, String id, String displayName) {
        boolean resolved() {
            return status != Status.UNKNOWN;
        }

        /** Counts as a party of the task (not ignored, not unknown). */
        boolean party() {
            return id != null;
        }
    }

    record Suggestion(String id, String name, double score) {
    }

    /** A remembered resolution: MAP to {@code targetId}, or IGNORE. */
    record Rule(String action, String targetId) {
    }

    private static final double MIN_SCORE = 0.34;
    static final String NEW_UNIT_PREFIX = "new:";

    private final OrganizationDirectory directory;

    NameMatcher(OrganizationDirectory directory) {
        this.directory = directory;
    }

    Resolver resolver(Resolutions resolutions, Map<Role, Map<String, Rule>> remembered) {
        return new Resolver(resolutions, remembered);
    }

    List<Suggestion> suggestions(Role role, String name) {
        Map<String, String> candidates = new LinkedHashMap<>();
        if (role == Role.UNIT) {
            directory.unitsByNameAndAlias().forEach((known, unit) -> candidates.put(known, unit.id()));
        } else {
            directory.leaders().forEach(leader -> candidates.put(leader.name(), leader.id()));
        }
        Map<String, Suggestion> best = new LinkedHashMap<>();
        candidates.forEach((known, id) -> {
            double score = similarity(name, known);
            Suggestion current = best.get(id);
            if (score >= MIN_SCORE && (current == null || current.score() < score)) {
                best.put(id, new Suggestion(id, displayName(role, id), Math.round(score * 100) / 100.0));
            }
        });
        return best.values().stream().sorted(Comparator.comparingDouble(Suggestion::score).reversed()).limit(3)
                .toList();
    }

    String displayName(Role role, String id) {
        return role == Role.UNIT ? directory.unitName(id) : directory.personName(id);
    }

    Optional<String> knownUnit(String idOrName) {
        return directory.findUnit(idOrName).map(Unit::id);
    }

    Optional<String> knownLeader(String idOrName) {
        return directory.findLeader(idOrName).map(Person::id);
    }

    /** 1 for equal names, 0 for nothing in common: edit distance, with containment (发改委 in 市发改委) as a floor. */
    static double similarity(String a, String b) {
        String x = PlanText.nameKey(a);
        String y = PlanText.nameKey(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        int longer = Math.max(x.length(), y.length());
        double score = 1.0 - (double) levenshtein(x, y) / longer;
        if (x.contains(y) || y.contains(x)) {
            score = Math.max(score, 0.6 + 0.3 * Math.min(x.length(), y.length()) / longer);
        }
        return score;
    }

    static int levenshtein(String a, String b) {
        if (a.length() > 200 || b.length() > 200) {
            return Math.max(a.length(), b.length());
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Resolves names for one preview or confirm; collects problems with the office's resolutions. */
    final class Resolver {
        private final Resolutions resolutions;
        private final Map<Role, Map<String, Rule>> remembered;
        private final Map<String, String> unitKeys = new HashMap<>();
        private final Map<String, String> leaderKeys = new HashMap<>();
        private final Map<String, String> createdUnits = new HashMap<>();
        final List<String> problems = new ArrayList<>();

        private Resolver(Resolutions resolutions, Map<Role, Map<String, Rule>> remembered) {
            this.resolutions = resolutions;
            this.remembered = remembered;
            directory.unitsByNameAndAlias().forEach((name, unit) -> unitKeys.putIfAbsent(PlanText.nameKey(name), unit.id()));
            directory.leaders().forEach(leader -> leaderKeys.putIfAbsent(PlanText.nameKey(leader.name()), leader.id()));
            resolutions.unitMappings().forEach((name, target) -> {
                if (knownUnit(target).isEmpty()) {
                    problems.add("“" + name + "”要映射到的单位“" + target + "”不在组织配置中");
                }
            });
            resolutions.leaderMappings().forEach((name, target) -> {
                if (knownLeader(target).isEmpty()) {
                    problems.add("“" + name + "”要映射到的领导“" + target + "”不在组织配置的领衔领导中");
                }
            });
        }

        /** After a unit is created on confirm, its name resolves to the new id. */
        void created(String name, String id) {
            createdUnits.put(name, id);
        }

        Match unit(String name) {
            Optional<String> known = knownUnit(name).or(() -> Optional.ofNullable(unitKeys.get(PlanText.nameKey(name))));
            if (known.isPresent()) {
                return new Match(name, Status.KNOWN, known.get(), displayName(Role.UNIT, known.get()));
            }
            String mapped = resolutions.unitMappings().get(name);
            if (mapped != null && knownUnit(mapped).isPresent()) {
                String id = knownUnit(mapped).get();
                return new Match(name, Status.MAPPED, id, displayName(Role.UNIT, id));
            }
            if (resolutions.createUnits().contains(name)) {
                String id = createdUnits.getOrDefault(name, NEW_UNIT_PREFIX + name);
                return new Match(name, Status.CREATE, id, name);
            }
            if (resolutions.ignore().contains(name)) {
                return new Match(name, Status.IGNORED, null, null);
            }
            return rememberedMatch(Role.UNIT, name);
        }

        Match leader(String name) {
            Optional<String> known = knownLeader(name).or(() -> Optional.ofNullable(leaderKeys.get(PlanText.nameKey(name))));
            if (known.isPresent()) {
                return new Match(name, Status.KNOWN, known.get(), displayName(Role.LEADER, known.get()));
            }
            String mapped = resolutions.leaderMappings().get(name);
            if (mapped != null && knownLeader(mapped).isPresent()) {
                String id = knownLeader(mapped).get();
                return new Match(name, Status.MAPPED, id, displayName(Role.LEADER, id));
            }
            if (resolutions.ignore().contains(name)) {
                return new Match(name, Status.IGNORED, null, null);
            }
            if (resolutions.createUnits().contains(name)) {
                problems.add("领衔领导“" + name + "”不能新建，请映射到组织配置中的领导或忽略");
            }
            return rememberedMatch(Role.LEADER, name);
        }

        private Match rememberedMatch(Role role, String name) {
            Rule rule = remembered.getOrDefault(role, Map.of()).get(name);
            if (rule != null && "IGNORE".equals(rule.action())) {
                return new Match(name, Status.REMEMBERED, null, null);
            }
            if (rule != null) {
                Optional<String> target = role == Role.UNIT ? knownUnit(rule.targetId()) : knownLeader(rule.targetId());
                if (target.isPresent()) {
                    return new Match(name, Status.REMEMBERED, target.get(), displayName(role, target.get()));
                }
            }
            return new Match(name, Status.UNKNOWN, null, null);
        }
    }
}
