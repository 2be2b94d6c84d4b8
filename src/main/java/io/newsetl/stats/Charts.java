package io.newsetl.stats;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Renders the report's charts as PNG bytes with XChart, headless. Labels may hold Korean (program names, entity
 * names): a CJK-capable font is used when the machine has one (Debian {@code fonts-nanum}), else the JVM's default.
 *
 * <pre>{@code
 * byte[] png = Charts.bars("Rejects by reason", "reason", "files", Map.of("EMPTY", 3L, "BINARY", 1L));
 * }</pre>
 */
public final class Charts {

    static final int WIDTH = 900;
    static final int HEIGHT = 380;
    private static final String FONT = pickFont();

    private Charts() {
    }

    /** The first installed font able to draw Hangul, preferring Nanum; "SansSerif" when none is. */
    static String pickFont() {
        System.setProperty("java.awt.headless", "true");
        List<String> names = Arrays.asList(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String preferred : List.of("NanumGothic", "NanumBarunGothic", "Noto Sans CJK KR", "Noto Sans KR", "UnDotum")) {
            if (names.contains(preferred)) {
                return preferred;
            }
        }
        for (String n : names) {
            if (new Font(n, Font.PLAIN, 12).canDisplayUpTo("한국어") == -1) {
                return n;
            }
        }
        return Font.SANS_SERIF;
    }

    public static String fontName() {
        return FONT;
    }

    private static void style(Styler s) {
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    /** A bar per category, in the map's order. */
    public static byte[] bars(String title, String xTitle, String yTitle, Map<String, ? extends Number> values) {
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 11));
        c.getStyler().setAxisTitleFont(new Font(FONT, Font.PLAIN, 12));
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(values.size() > 8 ? 45 : 0);
        if (values.isEmpty()) {
            c.addSeries(yTitle, List.of("(none)"), List.of(0));
        } else {
            c.addSeries(yTitle, List.copyOf(values.keySet()), List.copyOf(values.values()));
        }
        return png(c);
    }

    /** One line per series over dates; every series has a value for every date of {@code dates}. */
    public static byte[] lines(String title, String yTitle, List<LocalDate> dates, Map<String, List<? extends Number>> series) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        style(c.getStyler());
        c.getStyler().setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 11));
        c.getStyler().setAxisTitleFont(new Font(FONT, Font.PLAIN, 12));
        c.getStyler().setDatePattern("yyyy-MM-dd");
        c.getStyler().setXAxisLabelRotation(30);
        if (dates.isEmpty()) {
            c.addSeries("(no data)", new double[] {0}, new double[] {0});
            return png(c);
        }
        List<Date> x = dates.stream().map(d -> Date.from(d.atStartOfDay().toInstant(ZoneOffset.UTC))).toList();
        for (Map.Entry<String, List<? extends Number>> e : series.entrySet()) {
            c.addSeries(e.getKey(), x, e.getValue()).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
        }
        return png(c);
    }

    public static byte[] pie(String title, Map<String, ? extends Number> values) {
        PieChart c = new PieChartBuilder().width(WIDTH / 2).height(HEIGHT).title(title).build();
        style(c.getStyler());
        if (values.isEmpty()) {
            c.addSeries("(none)", 1);
        }
        values.forEach(c::addSeries);
        return png(c);
    }

    private static byte[] png(Chart<?, ?> c) {
        try {
            return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
