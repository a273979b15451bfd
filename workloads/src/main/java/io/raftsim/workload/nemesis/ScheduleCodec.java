package io.raftsim.workload.nemesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** {@code schedule.json}: a {@link Schedule} as JSON, readable and editable by hand. */
public final class ScheduleCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private ScheduleCodec() {}

    public static String toJson(Schedule schedule) {
        try {
            return MAPPER.writeValueAsString(schedule);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode schedule: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a schedule; malformed input is an {@link IllegalArgumentException} naming the field. */
    public static Schedule fromJson(String json) {
        try {
            return MAPPER.readValue(json, Schedule.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + " column "
                            + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("bad schedule JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad schedule: " + e.getMessage(), e);
        }
    }
}
