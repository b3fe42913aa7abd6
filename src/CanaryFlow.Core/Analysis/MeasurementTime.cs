namespace CanaryFlow.Core.Analysis;

/// <summary>
/// The times of a run and its measurements are stored as MicroTime. Taken at that precision, the status the
/// controller decides from in memory is the one it reads back after a write or a restart, so the schedule is the same.
/// </summary>
public static class MeasurementTime
{
    public static DateTimeOffset Of(DateTimeOffset time) => new(time.Ticks - (time.Ticks % 10), time.Offset);
}
