package io.streamcast.cli;

/** Keeps Kafka's INFO chatter off the console unless the user asked for it (slf4j-simple settings). */
final class Logging {
    private Logging() {
    }

    static void quietKafka() {
        for (String name : new String[] {"org.apache.kafka", "kafka", "state.change.logger", "org.nd4j",
            "org.deeplearning4j"}) {
            String key = "org.slf4j.simpleLogger.log." + name;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
