// Preloaded into a ThreadSanitizer build of the server by scripts/sanitize/run.
// Workaround 1: Swift's swift_continuation_await fast path (continuation already resumed before
// the task suspends) lacks the _swift_tsan_acquire that pairs with the resumer's release, so TSan
// reports false races on every value handed through a continuation. Acquire here.
#include <dlfcn.h>
#include <stddef.h>
#include <stdint.h>
typedef __attribute__((swiftasynccall)) void (*AwaitFn)(void *, __attribute__((swift_async_context)) void *);
typedef __attribute__((swiftasynccall)) void (*ResumeFn)(__attribute__((swift_async_context)) void *);
extern void __tsan_acquire(void *);
extern __attribute__((swiftcall)) void *swift_task_getCurrent(void);
static AwaitFn real_await;
// Word index in AsyncTask of ResumeTask (followed by ResumeContext); found at the first await.
static long resume_task_word = -1;

// Runs instead of the awaiting function's resume point when swift_continuation_await takes its
// fast path (already resumed): acquire, then go on as the runtime would have.
static __attribute__((swiftasynccall)) void tsan_resume_trampoline(__attribute__((swift_async_context)) void *ctx) {
  void **task = (void **)swift_task_getCurrent();
  __tsan_acquire(task);
  ResumeFn orig = (ResumeFn)task[resume_task_word];  // swift_continuation_init copied ResumeParent there
  ((void **)ctx)[1] = (void *)orig;
  __attribute__((musttail)) return orig(ctx);
}

__attribute__((swiftasynccall)) void swift_continuation_await(void *ctx, __attribute__((swift_async_context)) void *current) {
  AwaitFn real = __atomic_load_n(&real_await, __ATOMIC_RELAXED);
  if (!real) { real = (AwaitFn)dlsym(RTLD_NEXT, "swift_continuation_await"); __atomic_store_n(&real_await, real, __ATOMIC_RELAXED); }
  void **c = (void **)ctx;
  void **task = (void **)swift_task_getCurrent();
  long word = __atomic_load_n(&resume_task_word, __ATOMIC_RELAXED);
  if (word < 0) {
    for (long i = 2; i < 24; i++) if (task[i] == c[1] && task[i + 1] == ctx) { word = i; break; }
    if (word >= 0) __atomic_store_n(&resume_task_word, word, __ATOMIC_RELAXED);
  }
  size_t flags = (size_t)c[2];
  size_t status = __atomic_load_n((size_t *)&c[3], __ATOMIC_ACQUIRE);
  if (status == 2 /* Resumed */) __tsan_acquire(task);
  else if (word >= 0 && !(flags & 2) /* not IsExecutorSwitchForced */ && task[word] == c[1] && task[word + 1] == ctx)
    c[1] = (void *)tsan_resume_trampoline;  // only the fast path calls context->ResumeParent
  __attribute__((musttail)) return real(ctx, current);
}

// Workaround 2: Synchronization.Mutex on Linux inlines its uncontended fast path
// (instrumented atomics) but its contended paths, _MutexHandle._lockSlow/_unlockSlow, live in the
// uninstrumented libswiftSynchronization.so, so a lock taken or released there is invisible to
// TSan. Tell TSan about them (self, the handle's atomic word, is passed in r13 = swift_context).
#include <stdint.h>
typedef __attribute__((swiftcall)) void (*LockSlowFn)(uint32_t, __attribute__((swift_context)) void *);
typedef __attribute__((swiftcall)) void (*UnlockSlowFn)(__attribute__((swift_context)) void *);
extern void __tsan_release(void *);
static LockSlowFn real_lock;
static UnlockSlowFn real_unlock;
__attribute__((swiftcall)) void $s15Synchronization12_MutexHandleV9_lockSlowyys6UInt32VF(uint32_t id, __attribute__((swift_context)) void *self) {
  LockSlowFn real = __atomic_load_n(&real_lock, __ATOMIC_RELAXED);
  if (!real) { real = (LockSlowFn)dlsym(RTLD_NEXT, "$s15Synchronization12_MutexHandleV9_lockSlowyys6UInt32VF"); __atomic_store_n(&real_lock, real, __ATOMIC_RELAXED); }
  real(id, self);
  __tsan_acquire(self);
}
__attribute__((swiftcall)) void $s15Synchronization12_MutexHandleV11_unlockSlowyyF(__attribute__((swift_context)) void *self) {
  UnlockSlowFn real = __atomic_load_n(&real_unlock, __ATOMIC_RELAXED);
  if (!real) { real = (UnlockSlowFn)dlsym(RTLD_NEXT, "$s15Synchronization12_MutexHandleV11_unlockSlowyyF"); __atomic_store_n(&real_unlock, real, __ATOMIC_RELAXED); }
  __tsan_release(self);
  real(self);
}
