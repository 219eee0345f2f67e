package cn.reformoffice.platform.security.web;

import java.util.List;
import java.util.Set;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletRequest;

/** What a request says about where it comes from: a browser navigation, a safe method. */
public final class BrowserRequests {

    static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> DOCUMENT_DESTINATIONS = Set.of("document", "iframe", "frame", "embed", "object");
    private static final List<MediaType> HTML = List.of(MediaType.TEXT_HTML, MediaType.APPLICATION_XHTML_XML);

    private BrowserRequests() {
    }

    public static boolean isSafeMethod(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }

    /**
     * Whether the browser loads the address as a page (typed, a link, a form, a frame) rather than a script or
     * a client such as curl calling it: {@code Sec-Fetch-Mode: navigate}, {@code Sec-Fetch-Dest: document}
     * (or a frame), or, from browsers without fetch metadata, an {@code Accept} header that prefers HTML.
     */
    public static boolean isNavigation(HttpServletRequest request) {
        if ("navigate".equalsIgnoreCase(request.getHeader("Sec-Fetch-Mode"))) {
            return true;
        }
        String destination = request.getHeader("Sec-Fetch-Dest");
        if (destination != null && DOCUMENT_DESTINATIONS.contains(destination.toLowerCase())) {
            return true;
        }
        return prefersHtml(request.getHeader("Accept"));
    }

    /** An Accept header whose best quality is given to HTML explicitly (not only through a wildcard). */
    static boolean prefersHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        double best = types.stream().mapToDouble(MediaType::getQualityValue).max().orElse(0);
        return best > 0 && types.stream().anyMatch(type -> type.getQualityValue() == best
                && HTML.stream().anyMatch(html -> html.equalsTypeAndSubtype(type)));
    }
}
