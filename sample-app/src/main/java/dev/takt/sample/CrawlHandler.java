package dev.takt.sample;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.takt.scheduler.JobContext;
import dev.takt.scheduler.JobHandler;
import dev.takt.scheduler.JobResult;

import org.springframework.stereotype.Component;

/**
 * The handler of one-off crawl jobs, started over HTTP by {@link CrawlController}. It stands in for
 * a real crawler: it takes a moment and reports a number of pages, without going on the network.
 */
@Component("crawl")
public class CrawlHandler implements JobHandler {

	@Override
	public JobResult handle(JobContext context) throws InterruptedException {
		String url = (String) context.kwarg("url").orElseThrow();
		URI uri = URI.create(url);
		if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
			return JobResult.failure("Not an http(s) URL: " + url);
		}
		Thread.sleep(Duration.ofMillis(200).toMillis());
		int pages = 1 + Math.floorMod(url.hashCode(), 50);
		return JobResult.success(Map.of("url", url, "pages", pages));
	}

}
