package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's anomaly settings: keys of earlier detectors are rejected by name. */
class AnomalySettingsTest {

    @Test
    void shouldRejectARemovedAnomalyKeyByName() {
        String message = assertThrows(IllegalArgumentException.class, () -> ForecastProcessor.anomalyConfig(
                ServiceConfig.from(Map.of("streamcast.anomaly.refractory", "150")))).getMessage();
        assertTrue(message.contains("streamcast.anomaly.refractory was removed"), message);
    }
}
