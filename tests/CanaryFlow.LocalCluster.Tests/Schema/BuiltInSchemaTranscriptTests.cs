using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.LocalCluster.Tests.Schema;

/// <summary>
/// Walks real request and response bodies through the resolved schemas: with fieldValidation=Strict every field the
/// real server accepts or returns must be known, with a type the schema allows.
/// </summary>
public class BuiltInSchemaTranscriptTests
{
    private static readonly BuiltInSchemas _schemas = BuiltInSchemas.Instance;

    public static TheoryData<string, string> Bodies => new()
    {
        { nameof(RecordedExchanges.NamespaceRequest), RecordedExchanges.NamespaceRequest },
        { nameof(RecordedExchanges.NamespaceResponse), RecordedExchanges.NamespaceResponse },
        { nameof(RecordedExchanges.ServiceRequest), RecordedExchanges.ServiceRequest },
        { nameof(RecordedExchanges.ServiceResponse), RecordedExchanges.ServiceResponse },
        { nameof(RecordedExchanges.ReplicaSetRequest), RecordedExchanges.ReplicaSetRequest },
        { nameof(RecordedExchanges.ReplicaSetResponse), RecordedExchanges.ReplicaSetResponse },
        { nameof(RecordedExchanges.LeaseRequest), RecordedExchanges.LeaseRequest },
        { nameof(RecordedExchanges.LeaseResponse), RecordedExchanges.LeaseResponse },
        { nameof(RecordedExchanges.EventsEventRequest), RecordedExchanges.EventsEventRequest },
        { nameof(RecordedExchanges.EventsEventResponse), RecordedExchanges.EventsEventResponse },
        { nameof(RecordedExchanges.CoreEventResponse), RecordedExchanges.CoreEventResponse },
        { nameof(RecordedExchanges.ScaleResponse), RecordedExchanges.ScaleResponse },
        { nameof(RecordedExchanges.CrdRequest), RecordedExchanges.CrdRequest },
        { nameof(ManifestBodies.Deployment), ManifestBodies.Deployment },
        { nameof(ManifestBodies.PodWithStatus), ManifestBodies.PodWithStatus },
        { nameof(ManifestBodies.Ingress), ManifestBodies.Ingress },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void EveryFieldOfTheBody_IsKnownToTheSchema(string name, string json)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        var schema = SchemaOf(body);

        var problems = new List<string>();
        Walk(body, schema, "", problems);

        Assert.True(problems.Count == 0, $"{name}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void ReplicaSetRequestTemplate_FieldsExistInTheResolvedSchema()
    {
        var body = JsonNode.Parse(RecordedExchanges.ReplicaSetRequest)!;
        var template = SchemaPath.At(_schemas.ForKind("apps", "v1", "ReplicaSet")!, "spec.template");
        var walked = new List<string>();

        foreach (var path in LeafPaths(body["spec"]!["template"]!, ""))
        {
            var schemaPath = path.Replace("[0]", "[]", StringComparison.Ordinal);
            var parts = schemaPath.Split(".labels.");
            var node = SchemaPath.At(template, parts[0] + (parts.Length > 1 ? ".labels{}" : ""));
            Assert.Equal("string", node.Type);
            walked.Add(schemaPath);
        }

        Assert.Equal(
            ["metadata.labels.app", "metadata.labels.rollouts-pod-template-hash", "spec.containers[].name", "spec.containers[].image"],
            walked);
    }

    [Fact]
    public void AnUnknownField_IsReported()
    {
        var body = JsonNode.Parse("""{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "spec": {"bogus": 1}}""")!.AsObject();
        var problems = new List<string>();

        Walk(body, SchemaOf(body), "", problems);

        Assert.Equal(["unknown field \"spec\""], problems);
    }

    [Fact]
    public void MicroTimeFields_CarryTheMarker()
    {
        var lease = _schemas.ForKind("coordination.k8s.io", "v1", "Lease")!;
        var renewTime = SchemaPath.At(lease, "spec.renewTime");

        Assert.Equal("date-time", renewTime.Format);
        Assert.True(renewTime.Raw["x-localcluster-microtime"]!.GetValue<bool>());
        Assert.Null(SchemaPath.At(lease, "metadata.creationTimestamp").Raw["x-localcluster-microtime"]);
    }

    [Fact]
    public void IntOrStringAndQuantity_AcceptBothForms()
    {
        var service = _schemas.ForKind("", "v1", "Service")!;
        Assert.True(SchemaPath.At(service, "spec.ports[].targetPort").IntOrString);

        var pod = _schemas.ForKind("", "v1", "Pod")!;
        var cpu = SchemaPath.At(pod, "spec.containers[].resources.limits{}");
        Assert.Equal(["string", "number"], cpu.AnyOf.Select(s => s.Type));
        Assert.True(cpu.Raw["x-localcluster-quantity"]!.GetValue<bool>());
    }

    private static StructuralSchema SchemaOf(JsonObject body)
    {
        var apiVersion = body["apiVersion"]!.GetValue<string>();
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return _schemas.ForKind(group, version, body["kind"]!.GetValue<string>())
            ?? throw new Xunit.Sdk.XunitException($"{apiVersion} {body["kind"]} is not built in");
    }

    private static void Walk(JsonNode? value, StructuralSchema schema, string path, List<string> problems)
    {
        // The real server decodes null as "unset" for every field.
        if (value is null || schema.PreserveUnknownFields)
        {
            return;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Object:
                if (schema.Type != "object")
                {
                    problems.Add($"{path}: object where the schema has {schema.Type}");
                    return;
                }

                foreach (var (name, child) in value.AsObject())
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    if (schema.PropertyOrAdditional(name) is { } childSchema)
                    {
                        Walk(child, childSchema, childPath, problems);
                    }
                    else
                    {
                        problems.Add($"unknown field \"{childPath}\"");
                    }
                }

                break;
            case JsonValueKind.Array:
                if (schema.Type != "array" || schema.Items is null)
                {
                    problems.Add($"{path}: array where the schema has {schema.Type}");
                    return;
                }

                var items = value.AsArray();
                for (var i = 0; i < items.Count; i++)
                {
                    Walk(items[i], schema.Items, $"{path}[{i}]", problems);
                }

                break;
            default:
                if (!ScalarFits(value.GetValueKind(), value, schema))
                {
                    problems.Add($"{path}: {value.ToJsonString()} does not fit type {schema.Type ?? "(any of)"}");
                }

                break;
        }
    }

    private static bool ScalarFits(JsonValueKind kind, JsonNode value, StructuralSchema schema)
    {
        if (schema.IntOrString)
        {
            return kind == JsonValueKind.String || (kind == JsonValueKind.Number && value.GetValue<double>() % 1 == 0);
        }

        if (schema.Type is null && schema.AnyOf.Count > 0)
        {
            return schema.AnyOf.Any(option => ScalarFits(kind, value, option));
        }

        return schema.Type switch
        {
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "integer" => kind == JsonValueKind.Number && value.GetValue<double>() % 1 == 0,
            "number" => kind == JsonValueKind.Number,
            _ => false,
        };
    }

    private static IEnumerable<string> LeafPaths(JsonNode node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => LeafPaths(p.Value!, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => LeafPaths(item!, $"{path}[{i}]")),
        _ => [path],
    };
}
