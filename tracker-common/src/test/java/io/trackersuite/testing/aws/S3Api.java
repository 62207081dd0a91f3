package io.trackersuite.testing.aws;

import static io.trackersuite.testing.aws.AwsStub.each;
import static io.trackersuite.testing.aws.AwsStub.el;

import java.util.Map;

import io.trackersuite.testing.aws.AwsStub.Answer;
import io.trackersuite.testing.aws.AwsStub.Req;

/** S3's REST-XML, path style ({@code /bucket?tagging}); buckets live in the stub's "global" list with a region. */
final class S3Api {

    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final AwsStub stub;
    private final Req req;

    S3Api(AwsStub stub, Req req) {
        this.stub = stub;
        this.req = req;
    }

    Answer answer() {
        String path = req.path();
        if ("/".equals(path)) {
            AwsStub.Page<StubResource> page = AwsStub.page(stub.list("s3_bucket", "global"),
                    req.query().get("continuation-token"), stub.pageSize(req, "max-buckets"));
            return xml("<ListAllMyBucketsResult xmlns=\"" + NS + "\"><Owner>" + el("ID", "stub-owner") + "</Owner><Buckets>"
                    + each(page.items(), b -> "<Bucket>" + el("Name", b.id) + el("CreationDate", b.created)
                            + el("BucketRegion", Boolean.TRUE.equals(b.attrs.get("legacy")) ? null : b.text("region"))
                            + "</Bucket>") + "</Buckets>" + el("ContinuationToken", page.next())
                    + "</ListAllMyBucketsResult>");
        }
        String name = path.substring(1).replaceAll("/$", "");
        StubResource bucket = stub.find("s3_bucket", "global", name);
        if (bucket == null) {
            return stub.error(req, 404, "NoSuchBucket", null, "The specified bucket does not exist");
        }
        Map<String, String> q = req.query();
        if ("DELETE".equals(req.method())) {
            if (bucket.number("objects") > 0) {
                return stub.error(req, 409, "BucketNotEmpty", null, "The bucket you tried to delete is not empty");
            }
            stub.list("s3_bucket", "global").remove(bucket);
            return new Answer(204, "application/xml", "", Map.of());
        }
        if (q.containsKey("tagging")) {
            if (bucket.tags.isEmpty()) {
                return stub.error(req, 404, "NoSuchTagSet", null, "The TagSet does not exist");
            }
            return xml("<Tagging xmlns=\"" + NS + "\"><TagSet>" + each(bucket.tags.entrySet(), e -> "<Tag>"
                    + el("Key", e.getKey()) + el("Value", e.getValue()) + "</Tag>") + "</TagSet></Tagging>");
        }
        if (q.containsKey("location")) {
            String region = bucket.text("region");
            return xml("<LocationConstraint xmlns=\"" + NS + "\">" + ("us-east-1".equals(region) ? "" : region)
                    + "</LocationConstraint>");
        }
        if (q.containsKey("versions")) {
            boolean empty = bucket.number("objects") == 0;
            return xml("<ListVersionsResult xmlns=\"" + NS + "\">" + el("Name", name) + el("IsTruncated", !empty)
                    + el("MaxKeys", 1) + (empty ? "" : "<Version>" + el("Key", "object-0") + el("VersionId", "null")
                            + el("IsLatest", true) + el("Size", 1) + "</Version>") + "</ListVersionsResult>");
        }
        return stub.error(req, 400, "NotImplemented", null, "The stub does not implement " + req.method() + " " + path);
    }

    private static Answer xml(String body) {
        return new Answer(200, "application/xml", body, Map.of());
    }
}
