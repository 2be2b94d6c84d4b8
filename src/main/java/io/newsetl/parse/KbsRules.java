package io.newsetl.parse;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

/**
 * The site-specific vocabulary of KBS pages, from config ({@code parse.kbs.*}): program names, page-layout labels
 * and page-chrome line patterns (each a Java regex matched against the whole trimmed line), and the time zone of
 * the stamps.
 */
public record KbsRules(List<String> programs, List<String> layoutLabels, List<String> chromePatterns, ZoneId zone)
        implements Serializable {

    /** The defaults of {@code conf/news-etl-defaults.conf}, for tests and tools that run without a config. */
    public static KbsRules defaults() {
        return new KbsRules(
                List.of("News Today"),
                List.of("기사 본문 영역"),
                List.of("댓글( \\d+)?", "좋아요( \\d+)?", "스크랩하기", "공유하기( 글씨 크게보기)?", "가", "글씨 (크게|작게)보기",
                        "고화질 표준화질 키보드 컨트롤 안내 동영상영역 시작.*", "읽어주기 기능은 크롬기반의",
                        "브라우저에서만 사용하실 수 있습니다\\.?"),
                ZoneId.of("Asia/Seoul"));
    }
}
