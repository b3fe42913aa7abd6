using System.Reflection;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Tests.Models;

/// <summary>Guards the rules every model has to follow, so a model added later cannot quietly break them.</summary>
public class ModelCoverageTests
{
    private static readonly Type[] _modelTypes =
    [
        .. typeof(IKubernetesObject).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(IKubernetesObject).Namespace && t.IsPublic && t.IsClass && !t.IsAbstract && !(t.IsSealed && t.IsAbstract)),
    ];

    public static TheoryData<Type> ModelTypes() => [.. _modelTypes.Where(t => !t.IsGenericTypeDefinition)];

    public static TheoryData<Type> TopLevelTypes() => [.. _modelTypes.Where(t => typeof(IKubernetesObject).IsAssignableFrom(t))];

    [Fact]
    public void Models_are_found()
    {
        Assert.Contains(typeof(ReplicaSet), _modelTypes);
        Assert.Contains(typeof(HttpBackendRef), _modelTypes);
        Assert.Contains(typeof(KubernetesList<>), _modelTypes);
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Every_model_record_keeps_unknown_members(Type type)
    {
        Assert.True(typeof(KubernetesRecord).IsAssignableFrom(type), $"{type.Name} does not derive from KubernetesRecord");
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Every_model_is_known_to_the_serializer_context(Type type)
    {
        Assert.NotNull(KubernetesJsonContext.Default.GetTypeInfo(type));
        Assert.NotNull(KubernetesSerializer.Options.GetTypeInfo(type));
    }

    [Theory]
    [MemberData(nameof(TopLevelTypes))]
    public void Every_top_level_kind_has_its_list_in_the_context(Type type)
    {
        Assert.NotNull(KubernetesJsonContext.Default.GetTypeInfo(typeof(KubernetesList<>).MakeGenericType(type)));
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Every_time_property_names_its_wire_format(Type type)
    {
        var timeProperties = type.GetProperties()
            .Where(p => p.PropertyType == typeof(DateTimeOffset) || p.PropertyType == typeof(DateTimeOffset?));

        Assert.All(timeProperties, p =>
        {
            var converter = p.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType;
            Assert.True(
                converter == typeof(TimeJsonConverter) || converter == typeof(MicroTimeJsonConverter),
                $"{type.Name}.{p.Name} has no Time or MicroTime converter");
        });
    }

    [Fact]
    public void A_type_outside_the_context_is_refused_rather_than_reflected()
    {
        Assert.Throws<NotSupportedException>(() => KubernetesSerializer.Serialize(new Uri("http://example.com")));
    }
}
