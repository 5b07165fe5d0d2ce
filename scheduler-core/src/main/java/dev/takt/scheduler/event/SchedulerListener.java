package dev.takt.scheduler.event;

/**
 * Receives scheduler events, on the thread that produced them (the scheduler's loop for
 * submissions and misses, the run's thread for results): keep it fast, and hand slow work to
 * another thread. A listener that throws is logged and never breaks the scheduler.
 */
@FunctionalInterface
public interface SchedulerListener {

	/**
	 * Called for each event in the listener's mask.
	 * @param event the event
	 */
	void onEvent(SchedulerEvent event);

}
