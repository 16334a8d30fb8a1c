import Dispatch
import Synchronization

/// Runs async work to completion from libFuzzer's synchronous callback. The calling thread is
/// libFuzzer's own, not one of the concurrency pool's, so waiting on it cannot starve the task.
func waitFor<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) -> Value {
    let result = Mutex<Value?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let value = await work()
        result.withLock { $0 = value }
        done.signal()
    }
    done.wait()
    guard let value = result.withLock({ $0 }) else {
        PropertyCheck.fail("async work finished", "the task signalled without a result")
    }
    return value
}
