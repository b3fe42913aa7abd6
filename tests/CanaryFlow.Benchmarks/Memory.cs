using System.Globalization;

namespace CanaryFlow.Benchmarks;

/// <summary>The machine's memory, for the header of a run.</summary>
internal static class Memory
{
    public static string Total()
    {
        var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return line is null
            ? "unknown"
            : string.Create(CultureInfo.InvariantCulture, $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0.0} GiB");
    }
}
