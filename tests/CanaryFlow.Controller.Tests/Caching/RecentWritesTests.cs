using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Tests.Caching;

public sealed class RecentWritesTests
{
    private static Rollout At(string resourceVersion, string uid = "u1", string phase = "") => new()
    {
        Metadata = new ObjectMeta { Name = "api", Namespace = "prod", Uid = uid, ResourceVersion = resourceVersion },
        Status = new RolloutStatus { Phase = phase },
    };

    [Fact]
    public void The_written_copy_wins_until_the_cache_catches_up()
    {
        var recent = new RecentWrites<Rollout>();
        recent.Remember(At("12", phase: "Paused"));

        Assert.Equal("Paused", recent.Newest(At("11", phase: "Progressing")).Status!.Phase);
        Assert.Equal("13", recent.Newest(At("13")).Metadata.ResourceVersion);
        Assert.Equal(0, recent.Count);
        Assert.Equal("11", recent.Newest(At("11")).Metadata.ResourceVersion);
    }

    [Fact]
    public void A_recreated_rollout_or_an_opaque_version_never_uses_the_old_copy()
    {
        var recent = new RecentWrites<Rollout>();
        recent.Remember(At("50", uid: "old"));
        Assert.Equal("new", recent.Newest(At("3", uid: "new")).Metadata.Uid);

        recent.Remember(At("abc"));
        Assert.Equal("7", recent.Newest(At("7")).Metadata.ResourceVersion);

        recent.Remember(At("9"));
        recent.Forget("prod", "api");
        Assert.Equal("8", recent.Newest(At("8")).Metadata.ResourceVersion);
    }
}
