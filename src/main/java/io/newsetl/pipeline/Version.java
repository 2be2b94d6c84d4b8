package io.newsetl.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The project version, from a resource the build writes. */
public final class Version {

    private Version() {
    }

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/news-etl-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
