package dev.fahr.testing.aws;

/** STS's GetCallerIdentity (query protocol, XML answer): the one STS call the driver makes. */
public final class FakeSts {

    private final String account;

    public FakeSts(String account) {
        this.account = account;
    }

    public String account() {
        return account;
    }

    String getCallerIdentityXml() {
        return "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<GetCallerIdentityResult>"
                + "<Arn>arn:aws:iam::" + account + ":user/fahr-test</Arn>"
                + "<UserId>AIDAFAHRTESTUSER0000</UserId>"
                + "<Account>" + account + "</Account>"
                + "</GetCallerIdentityResult>"
                + "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>"
                + "</GetCallerIdentityResponse>";
    }
}
