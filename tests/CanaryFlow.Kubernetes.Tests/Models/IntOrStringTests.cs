using System.Text.Json;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Tests.Models;

public class IntOrStringTests
{
    [Fact]
    public void Number_form_reads_and_writes_as_a_json_number()
    {
        var port = KubernetesSerializer.Deserialize<ServicePort>("""{"port":80,"targetPort":8080}""");

        Assert.False(port.TargetPort!.Value.IsString);
        Assert.Equal(8080, port.TargetPort.Value.IntValue);
        Assert.Equal("""{"port":80,"targetPort":8080}""", KubernetesSerializer.Serialize(port));
    }

    [Fact]
    public void String_form_reads_and_writes_as_a_json_string()
    {
        var port = KubernetesSerializer.Deserialize<ServicePort>("""{"targetPort":"http"}""");

        Assert.True(port.TargetPort!.Value.IsString);
        Assert.Equal("http", port.TargetPort.Value.StringValue);
        Assert.Equal("""{"targetPort":"http"}""", KubernetesSerializer.Serialize(port));
    }

    [Fact]
    public void Percentages_and_numbers_are_distinct_values()
    {
        IntOrString surge = "25%";
        IntOrString one = 1;

        Assert.Equal(IntOrString.FromString("25%"), surge);
        Assert.Equal(IntOrString.FromInt32(1), one);
        Assert.NotEqual(IntOrString.FromString("1"), one);
        Assert.Equal("25%", surge.ToString());
        Assert.Equal("1", one.ToString());
        Assert.Throws<InvalidOperationException>(() => surge.IntValue);
        Assert.Throws<InvalidOperationException>(() => one.StringValue);
    }

    [Fact]
    public void Default_is_the_number_zero_as_in_go()
    {
        var value = default(IntOrString);

        Assert.False(value.IsString);
        Assert.Equal(0, value.IntValue);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("4294967296")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Other_json_is_rejected(string wire)
    {
        Assert.Throws<JsonException>(() => KubernetesSerializer.Deserialize<ServicePort>($$"""{"targetPort":{{wire}}}"""));
    }
}
