namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>
/// The CRDs of k8s-transcripts-1.24.md (Widget with a status subresource and printer columns, Scaler with a scale
/// subresource), plus a Gadget without subresources. CRDs are cluster-scoped, so each test class uses its own group.
/// </summary>
public static class CustomResourceDefinitions
{
    public static string Widget(string group) => """
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "widgets.GROUP"}, "spec": {"group": "GROUP", "scope": "Namespaced", "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList", "shortNames": ["wg"]}, "versions": [{"name": "v1", "served": true, "storage": true, "subresources": {"status": {}}, "additionalPrinterColumns": [{"name": "Size", "type": "integer", "jsonPath": ".spec.size"}, {"name": "Color", "type": "string", "jsonPath": ".spec.color"}], "schema": {"openAPIV3Schema": {"type": "object", "properties": {"spec": {"type": "object", "required": ["size"], "properties": {"size": {"type": "integer", "minimum": 1, "maximum": 10}, "color": {"type": "string", "enum": ["red", "green", "blue"], "default": "green"}}}, "status": {"type": "object", "properties": {"conditions": {"type": "array", "items": {"type": "object", "properties": {"type": {"type": "string"}, "status": {"type": "string"}, "reason": {"type": "string"}, "message": {"type": "string"}, "lastTransitionTime": {"type": "string"}}}}}}}}}}]}}
        """.Replace("GROUP", group, StringComparison.Ordinal);

    public static string Scaler(string group) => """
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "scalers.GROUP"}, "spec": {"group": "GROUP", "scope": "Namespaced", "names": {"plural": "scalers", "singular": "scaler", "kind": "Scaler", "listKind": "ScalerList"}, "versions": [{"name": "v1", "served": true, "storage": true, "subresources": {"status": {}, "scale": {"specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas", "labelSelectorPath": ".status.selector"}}, "schema": {"openAPIV3Schema": {"type": "object", "properties": {"spec": {"type": "object", "properties": {"replicas": {"type": "integer"}}}, "status": {"type": "object", "properties": {"replicas": {"type": "integer"}, "selector": {"type": "string"}}}}}}}]}}
        """.Replace("GROUP", group, StringComparison.Ordinal);

    /// <summary>A CRD without subresources: status is part of the main resource.</summary>
    public static string Gadget(string group) => """
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": {"name": "gadgets.GROUP"}, "spec": {"group": "GROUP", "scope": "Namespaced", "names": {"plural": "gadgets", "singular": "gadget", "kind": "Gadget", "listKind": "GadgetList"}, "versions": [{"name": "v1", "served": true, "storage": true, "schema": {"openAPIV3Schema": {"type": "object", "properties": {"spec": {"type": "object", "properties": {"size": {"type": "integer"}, "owner": {"type": "string"}}}, "status": {"type": "object", "properties": {"phase": {"type": "string"}}}}}}}]}}
        """.Replace("GROUP", group, StringComparison.Ordinal);

    /// <summary>Creates the CRD unless an earlier test of the class already did (CRDs outlive the test that made them).</summary>
    public static async Task EnsureAsync(HttpClient http, string definition)
    {
        var created = await http.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", definition);
        Assert.True(created.Status is 201 or 409, $"CRD create answered {created.Status}: {created.Body?.ToJsonString()}");
    }
}
