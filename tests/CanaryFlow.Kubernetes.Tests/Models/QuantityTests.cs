using System.Text.Json;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Tests.Models;

public class QuantityTests
{
    [Fact]
    public void Strings_are_kept_as_written()
    {
        var resources = KubernetesSerializer.Deserialize<ResourceRequirements>("""{"limits":{"cpu":"500m","memory":"1.5Gi"}}""");

        Assert.Equal("500m", resources.Limits!["cpu"].Text);
        Assert.Equal("1.5Gi", resources.Limits["memory"].ToString());
        Assert.Equal("""{"limits":{"cpu":"500m","memory":"1.5Gi"}}""", KubernetesSerializer.Serialize(resources));
    }

    [Fact]
    public void Bare_numbers_from_int_or_string_schemas_are_read_and_written_as_strings()
    {
        var resources = KubernetesSerializer.Deserialize<ResourceRequirements>("""{"requests":{"cpu":1,"memory":0.5}}""");

        Assert.Equal(new Quantity("1"), resources.Requests!["cpu"]);
        Assert.Equal("0.5", resources.Requests["memory"].Text);
        Assert.Equal("""{"requests":{"cpu":"1","memory":"0.5"}}""", KubernetesSerializer.Serialize(resources));
    }

    [Fact]
    public void Equality_is_by_text_and_default_is_zero()
    {
        Assert.Equal(new Quantity("0"), default);
        Assert.Equal(new Quantity("0").GetHashCode(), default(Quantity).GetHashCode());
        Assert.NotEqual(new Quantity("1"), new Quantity("1000m"));
    }

    [Fact]
    public void Other_json_is_rejected()
    {
        Assert.Throws<JsonException>(() => KubernetesSerializer.Deserialize<ResourceRequirements>("""{"limits":{"cpu":true}}"""));
    }
}
