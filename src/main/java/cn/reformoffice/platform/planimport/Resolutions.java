package cn.reformoffice.platform.planimport;

import java.util.List;
import java.util.Map;

/**
 * How the office resolves names the organization does not know, sent with the confirm request.
 *
 * @param unitMappings   plan name → known unit (id, name or alias): 市发改局 → fgw
 * @param leaderMappings plan name → known lead leader (user id or name)
 * @param createUnits    unit names to create as new units (Camunda groups) on confirm
 * @param ignore         names to leave out of the imported tasks
 */
record Resolutions(Map<String, String> unitMappings, Map<String, String> leaderMappings, List<String> createUnits,
        List<String> ignore) {

    static final Resolutions NONE = new Resolutions(null, null, null, null);

    Resolutions {
        unitMappings = unitMappings == null ? Map.of() : Map.copyOf(unitMappings);
        leaderMappings = leaderMappings == null ? Map.of() : Map.copyOf(leaderMappings);
        createUnits = createUnits == null ? List.of() : List.copyOf(createUnits);
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
    }
}
