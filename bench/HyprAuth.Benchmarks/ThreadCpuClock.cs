using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HyprAuth.Benchmarks;

/// <summary>
/// The calling thread's CPU time on Linux (clock_gettime CLOCK_THREAD_CPUTIME_ID, nanoseconds), elsewhere wall time:
/// on a shared machine the time other processes hold the core is not charged to the variant that was waiting.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeClockId = 3;

    public static bool MeasuresCpuTime { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

    public static double NowNs() =>
        MeasuresCpuTime && clock_gettime(ThreadCpuTimeClockId, out Timespec time) == 0
            ? (time.Seconds * 1e9) + time.Nanoseconds
            : Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency);

    [DllImport("libc")]
    private static extern int clock_gettime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
