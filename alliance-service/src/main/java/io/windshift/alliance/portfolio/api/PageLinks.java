package io.windshift.alliance.portfolio.api;

import io.windshift.alliance.portfolio.Stage;
import io.windshift.alliance.portfolio.Tier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The RFC 8288 {@code Link} header of a paged list: first, previous, next and last page, keeping the filters. */
final class PageLinks {

    private PageLinks() {
    }

    static String of(String path, String personId, Tier tier, Stage stage, int page, int size, long total) {
        StringBuilder filters = new StringBuilder();
        if (personId != null) {
            filters.append("personId=").append(URLEncoder.encode(personId, StandardCharsets.UTF_8)).append('&');
        }
        if (tier != null) {
            filters.append("tier=").append(tier.name()).append('&');
        }
        if (stage != null) {
            filters.append("stage=").append(stage.name()).append('&');
        }
        int last = (int) Math.max(0, (total - 1) / size);
        List<String> links = new ArrayList<>();
        links.add(link(path, filters, 0, size, "first"));
        if (page > 0) {
            links.add(link(path, filters, Math.min(page - 1, last), size, "prev"));
        }
        if (page < last) {
            links.add(link(path, filters, page + 1, size, "next"));
        }
        links.add(link(path, filters, last, size, "last"));
        return String.join(", ", links);
    }

    private static String link(String path, CharSequence filters, int page, int size, String rel) {
        return "<" + path + "?" + filters + "page=" + page + "&size=" + size + ">; rel=\"" + rel + "\"";
    }
}
