using System.Globalization;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>Resident memory of another process, from /proc/PID/status (Linux).</summary>
internal readonly record struct ProcessMemory(long RssBytes, long PeakRssBytes)
{
    public double RssMiB => RssBytes / 1024.0 / 1024.0;

    public double PeakRssMiB => PeakRssBytes / 1024.0 / 1024.0;

    /// <summary>VmRSS (resident now) and VmHWM (the most it has been resident, since start or the last reset).</summary>
    public static ProcessMemory Read(int pid)
    {
        long rss = 0;
        long hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kibibytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kibibytes(line);
            }
        }

        return new ProcessMemory(rss * 1024, hwm * 1024);
    }

    /// <summary>Resets VmHWM to the current RSS (writing 5 to clear_refs), so the next peak is of what follows; false when not allowed.</summary>
    public static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Kibibytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
