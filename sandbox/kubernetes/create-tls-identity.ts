import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

/**
 * A CA and a server certificate for 127.0.0.1, made at each start. kubectl (client-go) does not send a bearer token
 * to a plain-http server, so the Kubernetes stand-in speaks HTTPS as AKS does; the kubeconfig carries the CA as
 * `certificate-authority-data`. Keys come from Node's crypto (native, fast); node-forge builds the certificates.
 */

export interface TlsIdentity {
  caPem: string;
  certPem: string;
  keyPem: string;
}

function rsaKeys() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
  };
}

function certificate(options: {
  subject: string;
  issuer: string;
  publicKey: forge.pki.PublicKey;
  signingKey: forge.pki.PrivateKey;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = options.publicKey;
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  cert.setSubject([{ name: "commonName", value: options.subject }]);
  cert.setIssuer([{ name: "commonName", value: options.issuer }]);
  cert.setExtensions(options.extensions);
  cert.sign(options.signingKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return cert;
}

export function createTlsIdentity(): TlsIdentity {
  const ca = rsaKeys();
  const caCert = certificate({
    subject: "sandbox kubernetes ca",
    issuer: "sandbox kubernetes ca",
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = rsaKeys();
  const serverCert = certificate({
    subject: "apiserver",
    issuer: "sandbox kubernetes ca",
    publicKey: server.publicKey,
    signingKey: ca.privateKey,
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
    ],
  });
  return {
    caPem: forge.pki.certificateToPem(caCert),
    certPem: forge.pki.certificateToPem(serverCert),
    keyPem: forge.pki.privateKeyToPem(server.privateKey),
  };
}
