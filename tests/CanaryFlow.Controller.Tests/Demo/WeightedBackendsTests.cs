using CanaryFlow.Controller.Demo;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Tests.Demo;

/// <summary>How the demo's Gateway splits requests by the HTTPRoute's weights.</summary>
public sealed class WeightedBackendsTests
{
    private static HttpRoute Route(params HttpBackendRef[] backends) =>
        new() { Metadata = new ObjectMeta { Name = "storefront" }, Spec = new HttpRouteSpec { Rules = [new HttpRouteRule { BackendRefs = backends }] } };

    [Theory]
    [InlineData(0.0, "stable")]
    [InlineData(0.79, "stable")]
    [InlineData(0.8, "canary")]
    [InlineData(0.999, "canary")]
    public void Weights_80_20_send_the_first_four_fifths_of_draws_to_stable(double draw, string expected)
    {
        var backends = WeightedBackends.Of(Route(new HttpBackendRef { Name = "stable", Weight = 80 }, new HttpBackendRef { Name = "canary", Weight = 20 }));

        Assert.Equal(expected, WeightedBackends.Pick(backends, draw));
    }

    [Fact]
    public void A_backend_of_weight_0_gets_nothing_an_absent_weight_counts_1_and_all_zero_is_no_backend()
    {
        var zeroCanary = WeightedBackends.Of(Route(new HttpBackendRef { Name = "stable", Weight = 100 }, new HttpBackendRef { Name = "canary", Weight = 0 }));
        Assert.All(new[] { 0.0, 0.5, 0.9999 }, draw => Assert.Equal("stable", WeightedBackends.Pick(zeroCanary, draw)));

        var unweighted = WeightedBackends.Of(Route(new HttpBackendRef { Name = "a" }, new HttpBackendRef { Name = "b" }));
        Assert.Equal(("a", "b"), (WeightedBackends.Pick(unweighted, 0.49), WeightedBackends.Pick(unweighted, 0.5)));

        Assert.Null(WeightedBackends.Pick(WeightedBackends.Of(Route(new HttpBackendRef { Name = "a", Weight = 0 })), 0.3));
        Assert.Empty(WeightedBackends.Of(null));
    }

    [Fact]
    public void Only_Service_backends_are_routed()
    {
        var backends = WeightedBackends.Of(Route(new HttpBackendRef { Name = "bucket", Kind = "Backend", Weight = 50 }, new HttpBackendRef { Name = "stable", Weight = 50 }));

        Assert.Equal([("stable", 50)], backends);
    }
}
