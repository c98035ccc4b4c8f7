package io.hindsight.audit.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032 section 7.1, test 1. */
    private static final String RFC8032_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    private static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC8032_SIGNATURE_OF_EMPTY =
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @TempDir
    Path dataDirectory;

    private static EvidenceProperties configured(String signingKey) {
        return new EvidenceProperties(null, null, null, null, null, null, signingKey);
    }

    @Test
    void aConfiguredKeySignsAsRfc8032SaysAndPublishesItsPublicKey() {
        String pkcs8 =
                Base64.getEncoder().encodeToString(HEX.parseHex("302e020100300506032b657004220420" + RFC8032_SECRET));
        SigningKey key = new SigningKey(
                configured("-----BEGIN PRIVATE KEY-----\n" + pkcs8 + "\n-----END PRIVATE KEY-----\n"), dataDirectory);

        assertThat(HEX.formatHex(SigningKey.rawPublicKey(key.publicKeyDer()))).isEqualTo(RFC8032_PUBLIC);
        assertThat(HEX.formatHex(key.sign(new byte[0]))).isEqualTo(RFC8032_SIGNATURE_OF_EMPTY);
        assertThat(key.keyId())
                .isEqualTo(HEX.formatHex(Hashes.sha256(key.publicKeyDer())).substring(0, 16));
        assertThat(SigningKey.verifies(key.publicKeyDer(), new byte[0], key.sign(new byte[0])))
                .isTrue();
        assertThat(SigningKey.verifies(key.publicKeyDer(), new byte[] {1}, key.sign(new byte[0])))
                .isFalse();
        assertThat(dataDirectory.resolve(SigningKey.FILE_NAME)).doesNotExist();
    }

    @Test
    void aGeneratedKeyIsKeptInTheDataDirectoryAndReused() throws Exception {
        SigningKey first = new SigningKey(configured(null), dataDirectory);
        SigningKey again = new SigningKey(configured(null), dataDirectory);
        SigningKey elsewhere = new SigningKey(configured(null), Files.createTempDirectory(dataDirectory, "other"));

        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(elsewhere.keyId()).isNotEqualTo(first.keyId());
        Path file = dataDirectory.resolve(SigningKey.FILE_NAME);
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        byte[] statement = "statement".getBytes();
        assertThat(SigningKey.verifies(first.publicKeyDer(), statement, again.sign(statement)))
                .isTrue();
    }

    @Test
    void aKeyThatIsNotEd25519IsRefusedAtStartUp() {
        assertThatThrownBy(() -> new SigningKey(configured("bm90IGEga2V5"), dataDirectory))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Ed25519");
    }
}
