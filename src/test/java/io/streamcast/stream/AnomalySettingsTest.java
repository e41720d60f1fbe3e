package io.streamcast.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's anomaly settings: the models' season reaches the detector; keys of earlier detectors are rejected. */
class AnomalySettingsTest {

    @Test
    void shouldGiveTheDetectorTheModelsSeasonUnlessItsOwnIsSet() {
        assertEquals(0, ForecastProcessor.anomalyConfig(ServiceConfig.from(Map.of())).season());
        assertEquals(24, ForecastProcessor.anomalyConfig(ServiceConfig.from(Map.of("streamcast.model.season", "24")))
                .season());
        assertEquals(0, ForecastProcessor.anomalyConfig(ServiceConfig.from(Map.of("streamcast.model.season", "24",
                "streamcast.anomaly.season", "0"))).season());
    }

    @Test
    void shouldRejectARemovedAnomalyKeyByName() {
        String message = assertThrows(IllegalArgumentException.class, () -> ForecastProcessor.anomalyConfig(
                ServiceConfig.from(Map.of("streamcast.anomaly.refractory", "150")))).getMessage();
        assertTrue(message.contains("streamcast.anomaly.refractory was removed"), message);
        String ar = assertThrows(IllegalArgumentException.class, () -> ServiceConfig.from(Map.of(
                "streamcast.model.ar.seasonal-differencing", "true"))).getMessage();
        assertTrue(ar.contains("streamcast.model.ar.seasonal-differencing was removed"), ar);
    }
}
