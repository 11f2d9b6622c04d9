import { generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import forge from "node-forge";

/**
 * The sandbox's own certificate authority and the ARM stand-in's server certificate (127.0.0.1, ::1,
 * localhost), made with node-forge on first start and kept in `<stateDir>/tls/`. Azure SDKs refuse bearer
 * tokens over plain HTTP, so the stand-in must speak HTTPS; clients trust `ca.pem` (see README).
 */

export interface SandboxCertificates {
  caFile: string;
  caPem: string;
  certPem: string;
  keyPem: string;
}

function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  // Node's native generator is much faster than forge's pure-JS one.
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

function serial(): string {
  // Positive, 16 bytes.
  return `01${randomBytes(15).toString("hex")}`;
}

function makeCa(): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const subject = [
    { name: "commonName", value: "DR console sandbox CA" },
    { name: "organizationName", value: "DR console sandbox (local only)" },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    { name: "subjectKeyIdentifier" },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function makeServerCert(ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject([{ name: "commonName", value: "localhost" }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }] },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

export async function ensureCertificates(stateDir: string): Promise<SandboxCertificates> {
  const dir = path.join(stateDir, "tls");
  const files = {
    ca: path.join(dir, "ca.pem"),
    caKey: path.join(dir, "ca-key.pem"),
    cert: path.join(dir, "arm-server.pem"),
    key: path.join(dir, "arm-server-key.pem"),
  };
  await mkdir(dir, { recursive: true });
  let ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  let madeCa = false;
  if (existsSync(files.ca) && existsSync(files.caKey)) {
    ca = {
      cert: forge.pki.certificateFromPem(await readFile(files.ca, "utf8")),
      key: forge.pki.privateKeyFromPem(await readFile(files.caKey, "utf8")) as forge.pki.rsa.PrivateKey,
    };
  } else {
    ca = makeCa();
    madeCa = true;
    await writeFile(files.caKey, forge.pki.privateKeyToPem(ca.key), { mode: 0o600 });
    await writeFile(files.ca, forge.pki.certificateToPem(ca.cert));
  }
  const stillValid = async () => {
    if (madeCa || !existsSync(files.cert) || !existsSync(files.key)) return false;
    const cert = forge.pki.certificateFromPem(await readFile(files.cert, "utf8"));
    return cert.validity.notAfter.getTime() > Date.now() + 7 * 86_400_000 && ca.cert.verify(cert);
  };
  if (!(await stillValid())) {
    const server = makeServerCert(ca);
    await writeFile(files.key, forge.pki.privateKeyToPem(server.key), { mode: 0o600 });
    await writeFile(files.cert, forge.pki.certificateToPem(server.cert));
  }
  await chmod(files.caKey, 0o600).catch(() => undefined);
  return {
    caFile: files.ca,
    caPem: await readFile(files.ca, "utf8"),
    certPem: await readFile(files.cert, "utf8"),
    keyPem: await readFile(files.key, "utf8"),
  };
}
