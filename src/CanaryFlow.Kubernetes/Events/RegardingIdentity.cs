using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Which object an event is about, as far as de-duplication and the spam filter care: the uid tells a re-created object
/// from its predecessor of the same name.
/// </summary>
internal readonly record struct RegardingIdentity(string Kind, string Namespace, string Name, string Uid)
{
    public static RegardingIdentity Of(ObjectReference regarding) =>
        new(regarding.Kind ?? "", regarding.Namespace ?? "", regarding.Name ?? "", regarding.Uid ?? "");
}
