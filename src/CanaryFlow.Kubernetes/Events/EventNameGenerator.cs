using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Names events as client-go does, <c>&lt;regarding name&gt;.&lt;hex of unix nanoseconds&gt;</c>, and a UUID when
/// that is not a DNS subdomain (names of some kinds allow characters event names do not). Not thread-safe.
/// </summary>
internal sealed class EventNameGenerator
{
    private long _lastNanos;

    public string Next(string regardingName, DateTimeOffset at)
    {
        // A coarse or fake clock repeats timestamps; two events about one object must still get two names.
        var nanos = Math.Max((at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100, _lastNanos + 1);
        _lastNanos = nanos;
        var name = $"{regardingName}.{nanos:x}";
        return LabelFormat.SubdomainProblems(name).Any() ? Guid.NewGuid().ToString() : name;
    }
}
