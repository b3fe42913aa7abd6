using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Tests.Schema;

/// <summary>Static defaults the real API server applies on create, as recorded in the 1.24 transcripts and kept since.</summary>
public class BuiltInSchemaDefaultsTests
{
    private static readonly BuiltInSchemas _schemas = BuiltInSchemas.Instance;

    [Theory]
    [InlineData("apps", "ReplicaSet", "spec.replicas", "1")]
    [InlineData("apps", "ReplicaSet", "status", "{}")]
    [InlineData("apps", "ReplicaSet", "status.replicas", "0")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.restartPolicy", "\"Always\"")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.terminationGracePeriodSeconds", "30")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.dnsPolicy", "\"ClusterFirst\"")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.securityContext", "{}")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.schedulerName", "\"default-scheduler\"")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.containers[].terminationMessagePath", "\"/dev/termination-log\"")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.containers[].terminationMessagePolicy", "\"File\"")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.containers[].resources", "{}")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.containers[].ports[].protocol", "\"TCP\"")]
    [InlineData("apps", "ReplicaSet", "spec.template.spec.initContainers[].terminationMessagePolicy", "\"File\"")]
    [InlineData("", "Pod", "spec.ephemeralContainers[].terminationMessagePath", "\"/dev/termination-log\"")]
    [InlineData("", "Pod", "spec.containers[].livenessProbe.timeoutSeconds", "1")]
    [InlineData("", "Pod", "spec.containers[].livenessProbe.periodSeconds", "10")]
    [InlineData("", "Pod", "spec.containers[].readinessProbe.successThreshold", "1")]
    [InlineData("", "Pod", "spec.containers[].startupProbe.failureThreshold", "3")]
    [InlineData("", "Pod", "spec.containers[].readinessProbe.httpGet.path", "\"/\"")]
    [InlineData("", "Pod", "spec.containers[].readinessProbe.httpGet.scheme", "\"HTTP\"")]
    [InlineData("", "Pod", "spec.containers[].livenessProbe.grpc.service", "\"\"")]
    [InlineData("", "Pod", "spec.containers[].env[].valueFrom.fieldRef.apiVersion", "\"v1\"")]
    [InlineData("", "Pod", "spec.volumes[].secret.defaultMode", "420")]
    [InlineData("", "Pod", "spec.volumes[].configMap.defaultMode", "420")]
    [InlineData("", "Pod", "spec.volumes[].downwardAPI.defaultMode", "420")]
    [InlineData("", "Pod", "spec.volumes[].projected.defaultMode", "420")]
    [InlineData("", "Pod", "spec.volumes[].projected.sources[].serviceAccountToken.expirationSeconds", "3600")]
    [InlineData("", "Pod", "spec.volumes[].hostPath.type", "\"\"")]
    [InlineData("", "Pod", "spec.volumes[].ephemeral.volumeClaimTemplate.spec.volumeMode", "\"Filesystem\"")]
    [InlineData("", "Service", "spec.type", "\"ClusterIP\"")]
    [InlineData("", "Service", "spec.sessionAffinity", "\"None\"")]
    [InlineData("", "Service", "spec.ports[].protocol", "\"TCP\"")]
    [InlineData("", "Service", "status", "{}")]
    [InlineData("", "Service", "status.loadBalancer", "{}")]
    [InlineData("", "Secret", "type", "\"Opaque\"")]
    [InlineData("", "Namespace", "status.phase", "\"Active\"")]
    [InlineData("", "Event", "source", "{}")]
    [InlineData("apps", "Deployment", "spec.replicas", "1")]
    [InlineData("apps", "Deployment", "spec.revisionHistoryLimit", "10")]
    [InlineData("apps", "Deployment", "spec.progressDeadlineSeconds", "600")]
    [InlineData("apps", "Deployment", "spec.strategy", "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":\"25%\",\"maxSurge\":\"25%\"}}")]
    [InlineData("apps", "Deployment", "spec.strategy.type", "\"RollingUpdate\"")]
    [InlineData("apps", "Deployment", "spec.strategy.rollingUpdate.maxUnavailable", "\"25%\"")]
    [InlineData("apps", "Deployment", "spec.strategy.rollingUpdate.maxSurge", "\"25%\"")]
    [InlineData("networking.k8s.io", "Ingress", "status.loadBalancer", "{}")]
    [InlineData("events.k8s.io", "Event", "deprecatedSource", "{}")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", "spec.conversion", "{\"strategy\":\"None\"}")]
    public void StaticDefaults_ArePresent(string group, string kind, string path, string expectedJson)
    {
        var node = SchemaPath.At(_schemas.ForKind(group, "v1", kind)!, path);

        Assert.True(node.HasDefault, $"{kind} {path} has no default");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), node.Default), $"{kind} {path} default is {node.Default?.ToJsonString()}");
    }

    [Theory]
    [InlineData("", "Pod", "spec.containers[].imagePullPolicy")]
    [InlineData("", "Pod", "spec.enableServiceLinks")]
    [InlineData("", "Pod", "spec.serviceAccountName")]
    [InlineData("", "Pod", "spec.resources")]
    [InlineData("", "Pod", "spec.containers[].readinessProbe.httpGet.port")]
    [InlineData("", "Service", "spec.ports[].targetPort")]
    [InlineData("", "Service", "spec.clusterIP")]
    [InlineData("", "Service", "spec.ipFamilies")]
    [InlineData("", "Service", "spec.ipFamilyPolicy")]
    [InlineData("", "Service", "spec.internalTrafficPolicy")]
    [InlineData("", "Service", "spec.externalTrafficPolicy")]
    [InlineData("", "Service", "spec.sessionAffinityConfig.clientIP.timeoutSeconds")]
    [InlineData("", "Namespace", "spec.finalizers")]
    [InlineData("apps", "Deployment", "spec.strategy.rollingUpdate")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", "spec.names.singular")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", "spec.names.listKind")]
    public void DynamicDefaults_AreLeftToTheServer(string group, string kind, string path)
    {
        var node = SchemaPath.At(_schemas.ForKind(group, "v1", kind)!, path);

        Assert.False(node.HasDefault, $"{kind} {path} depends on other fields and must be defaulted in code");
    }

    [Fact]
    public void EveryDefault_HasTheTypeOfItsSchema()
    {
        foreach (var name in _schemas.Definitions.Keys)
        {
            AssertDefaultsTyped(_schemas.Resolve(name), name);
        }
    }

    private static void AssertDefaultsTyped(StructuralSchema schema, string path)
    {
        if (schema.HasDefault)
        {
            var kind = schema.Default?.GetValueKind();
            var expected = schema.Type switch
            {
                "object" => kind == System.Text.Json.JsonValueKind.Object,
                "string" => kind == System.Text.Json.JsonValueKind.String,
                "integer" => kind == System.Text.Json.JsonValueKind.Number,
                "boolean" => kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False,
                _ => schema.IntOrString && kind is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number,
            };
            Assert.True(expected, $"{path}: default {schema.Default?.ToJsonString()} does not fit type {schema.Type}");
            if (schema.Enum is { } values)
            {
                Assert.Contains(values, v => JsonNode.DeepEquals(v, schema.Default));
            }
        }

        foreach (var (name, property) in schema.Properties)
        {
            AssertDefaultsTyped(property, $"{path}.{name}");
        }

        if (schema.Items is { } items)
        {
            AssertDefaultsTyped(items, path + "[]");
        }

        if (schema.AdditionalProperties is { } mapValues)
        {
            AssertDefaultsTyped(mapValues, path + "{}");
        }
    }
}
