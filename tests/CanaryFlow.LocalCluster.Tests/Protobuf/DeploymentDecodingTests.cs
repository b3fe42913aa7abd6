using CanaryFlow.LocalCluster.Protobuf;
using CanaryFlow.LocalCluster.Tests.Patching;

namespace CanaryFlow.LocalCluster.Tests.Protobuf;

public class DeploymentDecodingTests
{
    [Fact]
    public void Deployment_with_replicas_selector_template_container_and_rolling_update()
    {
        var container = new ProtoMessage()
            .String(1, "web")
            .String(2, "nginx:1.25")
            .String(5, "")
            .Message(6, new ProtoMessage().String(1, "").Varint(2, 0).Varint(3, 80).String(4, "TCP").String(5, ""))
            .Message(8, new ProtoMessage())
            .String(13, "")
            .String(14, "IfNotPresent")
            .Bool(16, false)
            .Bool(17, false)
            .Bool(18, false)
            .String(20, "");
        var podSpec = new ProtoMessage()
            .Message(2, container)
            .String(3, "Always")
            .String(6, "")
            .String(8, "")
            .Bool(11, false);
        var strategy = new ProtoMessage()
            .String(1, "RollingUpdate")
            .Message(2, new ProtoMessage()
                .Message(1, new ProtoMessage().Varint(1, 0).Varint(2, 1).String(3, ""))
                .Message(2, new ProtoMessage().Varint(1, 1).Varint(2, 0).String(3, "25%")));
        var spec = new ProtoMessage()
            .Varint(1, 2)
            .Message(2, new ProtoMessage().MapEntry(1, "app", "web"))
            .Message(3, new ProtoMessage()
                .Message(1, ProtoMessage.ObjectMeta("").MapEntry(11, "app", "web"))
                .Message(2, podSpec))
            .Message(4, strategy)
            .Varint(5, 0)
            .Varint(6, 10)
            .Bool(7, false)
            .Varint(9, 600);
        var status = new ProtoMessage().Varint(1, 0).Varint(2, 0).Varint(3, 0).Varint(4, 0).Varint(5, 0).Varint(7, 0);
        var body = ProtoMessage.Envelope("apps/v1", "Deployment", new ProtoMessage()
            .Message(1, ProtoMessage.ObjectMeta("web", "shop").MapEntry(11, "app", "web"))
            .Message(2, spec)
            .Message(3, status));

        JsonAssert.Equal("""
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "web", "namespace": "shop", "creationTimestamp": null, "labels": {"app": "web"}},
             "spec": {
               "replicas": 2,
               "selector": {"matchLabels": {"app": "web"}},
               "template": {
                 "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                 "spec": {
                   "containers": [{
                     "name": "web",
                     "image": "nginx:1.25",
                     "ports": [{"containerPort": 80, "protocol": "TCP"}],
                     "resources": {},
                     "imagePullPolicy": "IfNotPresent"}],
                   "restartPolicy": "Always"}},
               "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": "25%"}},
               "revisionHistoryLimit": 10,
               "progressDeadlineSeconds": 600},
             "status": {}}
            """, KubernetesProtobuf.Decode(body));
    }
}
