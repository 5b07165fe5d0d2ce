package dev.takt.scheduler.store;

import java.time.Duration;

/**
 * Proves the clustered contract suite on an in-memory cluster of nodes.
 */
class SharedMemoryClusteredStoreTests extends ClusteredJobStoreContractTests {

	private final SharedMemoryClusteredStore.Shared shared = new SharedMemoryClusteredStore.Shared();

	@Override
	protected ClusteredJobStore createNode(String owner, Duration leaseTime) {
		return new SharedMemoryClusteredStore(this.shared, owner, leaseTime);
	}

	@Override
	protected void clearSharedStore() {
		this.shared.clear();
	}

}
