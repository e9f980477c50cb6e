using System;
using System.Threading;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Cache.Persistent
{
    /// <summary>
    /// How long a process waits for another one's exchange of the same credential: as long as that exchange may take
    /// at worst, or the waiter gives up and mints a token of its own (HYPR's 1201093). The holder's settings are not
    /// known, so the waiter's own stand in for them (most often the same script): every attempt timing out, one
    /// attempt more for the clock-skew retry, and the longest wait before each retry. Capped at a minute, because a
    /// timeout may be infinite and a holder may be stopped (SIGSTOP, a debugger, a hung disk) without exiting: a waiter
    /// (a scheduled task) then goes on without the persistent cache, at the price of perhaps one exchange of its own.
    /// </summary>
    internal static class LockWait
    {
        public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(60);

        /// <summary>Reading, writing and tidying the files under the lock.</summary>
        private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

        /// <summary>For a caller without a request of its own (clearing): the holder's worst case with the defaults.</summary>
        public static TimeSpan Default => For(TokenRequest.DefaultTimeout, RetryPolicy.Default);

        public static TimeSpan For(TimeSpan timeout, RetryPolicy retryPolicy)
        {
            if (timeout == Timeout.InfiniteTimeSpan)
            {
                return Maximum;
            }

            var retries = retryPolicy.MaximumRetryCount;
            var longestRetryWait = retryPolicy.MaximumDelay > retryPolicy.MaximumRetryAfter ? retryPolicy.MaximumDelay
                : retryPolicy.MaximumRetryAfter;

            // In doubles: a long timeout times many attempts would overflow TimeSpan's ticks.
            var ticks = ((double)timeout.Ticks * (retries + 2)) + ((double)longestRetryWait.Ticks * retries) + Margin.Ticks;
            return ticks >= Maximum.Ticks ? Maximum : TimeSpan.FromTicks((long)ticks);
        }
    }
}
