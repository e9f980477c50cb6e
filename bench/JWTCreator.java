// A stand-in for HYPR's JWTCreator.java ("Obtaining an OAuth Access Token", Step 1), written for the benchmarks from
// HYPR's documented options and output, with the JDK only. Run it the way HYPR documents, as a single-file program:
//
//   java JWTCreator.java -sub <Client Id> -keybase64 <Client key> [-exp <epoch seconds>] [-out <file>]
//
// Header and claims are those of HYPR's sample: {"alg":"ES256","typ":"JWT","kid":<random UUID>} and
// { "iss": "https://hypr.com","sub": …,"aud": "https://hypr.com","jti": <UUID>,"exp": …,"iat": …,"nbf": … }.
// The key is base64 PKCS#8 (HYPR's "Client key"); the ES256 signature is SHA256withECDSA, converted from DER to the
// 64-byte R||S form JWS requires (RFC 7518 §3.4).

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;

public class JWTCreator {
    private static final String USAGE = String.join(System.lineSeparator(),
        "Usage: java JWTCreator [options]",
        "Options:",
        "  -help               Show this help message and exit",
        "  -sub <subject>      MANDATORY subject claim. `Client Id` from CC UI token creation screen",
        "  -keybase64 <key>    MANDATORY base64 private key. `Client key` from the CC UI token creation screen",
        "  -exp <expiration>   OPTIONAL expiration time of the JWT token created. In seconds since epoch. Default: now() + 1 hour",
        "  -out <file>         OPTIONAL output file to write the JWT token");

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        String sub = null, key = null, out = null;
        Long exp = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("-help")) {
                System.out.println(USAGE);
                return;
            }
            if (i + 1 >= args.length) {
                fail("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "-sub": sub = value; break;
                case "-keybase64": key = value; break;
                case "-exp": exp = Long.parseLong(value); break;
                case "-out": out = value; break;
                default: fail("unknown option " + name);
            }
        }
        if (sub == null || key == null) {
            fail("-sub and -keybase64 are mandatory");
        }

        long now = System.currentTimeMillis() / 1000L;
        long expiry = exp != null ? exp : now + 3600L;
        String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + UUID.randomUUID() + "\"}";
        String claims = "{ \"iss\": \"https://hypr.com\",\"sub\": \"" + sub + "\",\"aud\": \"https://hypr.com\",\"jti\": \""
            + UUID.randomUUID() + "\",\"exp\": " + expiry + ",\"iat\": " + now + ",\"nbf\": " + now + " }";

        Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = base64Url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
            + base64Url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));

        PrivateKey privateKey = KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.trim())));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(privateKey);
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String jwt = signingInput + "." + base64Url.encodeToString(derToConcatenated(signer.sign(), 32));

        if (out != null) {
            Files.write(Paths.get(out), jwt.getBytes(StandardCharsets.US_ASCII));
        } else {
            System.out.println(jwt);
        }
    }

    /** DER SEQUENCE { INTEGER r, INTEGER s } to r||s, each left-padded to the curve's byte length. */
    static byte[] derToConcatenated(byte[] der, int size) {
        int offset = 2;
        if ((der[1] & 0x80) != 0) {
            offset = 2 + (der[1] & 0x7f);
        }
        byte[] result = new byte[size * 2];
        for (int part = 0; part < 2; part++) {
            if (der[offset] != 0x02) {
                throw new IllegalArgumentException("not a DER ECDSA signature");
            }
            int length = der[offset + 1];
            byte[] integer = new byte[length];
            System.arraycopy(der, offset + 2, integer, 0, length);
            byte[] unsigned = new BigInteger(1, integer).toByteArray();
            int start = unsigned.length > size ? unsigned.length - size : 0;
            int copy = unsigned.length - start;
            System.arraycopy(unsigned, start, result, part * size + size - copy, copy);
            offset += 2 + length;
        }
        return result;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
