// Explorer fixtures for the dev gateway: shaped like the examples in
// /work/shared/okto-openapi/openapi-explorer.json (snake_case keys, same field names).
// Everything a user sees is derived deterministically from the user's SWA, so two
// runs give the same answers.

import { getAddress, keccak256, stringToBytes } from 'viem';

/** Networks enabled for the dev client (`supported/networks`). */
export const NETWORKS = [
  {
    caip_id: 'eip155:137',
    network_name: 'POLYGON',
    chain_id: '137',
    logo: 'POLYGON',
    sponsorship_enabled: true,
    gsn_enabled: false,
    type: 'EVM',
    network_id: 'ae506585-0ba7-32f3-8b92-120ddf940198',
    onramp_enabled: false,
    whitelisted: true,
    symbol: 'POL',
    explorer: 'https://polygonscan.com/',
  },
  {
    caip_id: 'eip155:8453',
    network_name: 'BASE',
    chain_id: '8453',
    logo: 'BASE',
    sponsorship_enabled: true,
    gsn_enabled: true,
    type: 'EVM',
    network_id: '9400de12-efc6-3e69-ab02-0eaf5aaf21e5',
    onramp_enabled: false,
    whitelisted: true,
    symbol: 'ETH',
    explorer: 'https://basescan.org/',
  },
  {
    // gsn on, sponsorship off: a client that swaps the two policy bools is caught here.
    caip_id: 'eip155:42161',
    network_name: 'ARBITRUM',
    chain_id: '42161',
    logo: 'ARBITRUM',
    sponsorship_enabled: false,
    gsn_enabled: true,
    type: 'EVM',
    network_id: 'a8a2c6a2-7d7e-3a7e-9f4c-5b1b0d3e2a41',
    onramp_enabled: false,
    whitelisted: true,
    symbol: 'ETH',
    explorer: 'https://arbiscan.io/',
  },
  {
    caip_id: 'eip155:84532',
    network_name: 'BASE_TESTNET',
    chain_id: '84532',
    logo: 'BASE',
    sponsorship_enabled: false,
    gsn_enabled: false,
    type: 'EVM',
    network_id: '8970cafd-0ba1-3e30-9e6c-1a1e61b8c3e3',
    onramp_enabled: false,
    whitelisted: true,
    symbol: 'ETH',
    explorer: 'https://sepolia.basescan.org/',
  },
  {
    caip_id: 'aptos:testnet',
    network_name: 'APTOS_TESTNET',
    chain_id: '2',
    logo: 'APT',
    sponsorship_enabled: false,
    gsn_enabled: false,
    type: 'APT',
    network_id: 'dd50ef5f-58f4-3133-8e3c-2e3d8a7e7b2f',
    onramp_enabled: false,
    whitelisted: true,
    symbol: 'APT',
    explorer: 'https://explorer.aptoslabs.com/?network=testnet',
  },
];

const PUBLIC_NETWORK_FIELDS = [
  'caip_id',
  'network_name',
  'chain_id',
  'logo',
  'sponsorship_enabled',
  'gsn_enabled',
  'type',
  'network_id',
  'onramp_enabled',
  'whitelisted',
];

/** The `supported/networks` entry for a network (no internal fields). */
export function publicNetwork(n) {
  const out = {};
  for (const k of PUBLIC_NETWORK_FIELDS) out[k] = n[k];
  return out;
}

/** Case-insensitive lookup by CAIP-2 id, as the official SDK compares them. */
export function findNetwork(caip2Id) {
  if (typeof caip2Id !== 'string') return undefined;
  const want = caip2Id.toLowerCase();
  return NETWORKS.find((n) => n.caip_id.toLowerCase() === want);
}

/** `supported/tokens` (one native and one or two ERC-20s per chain). */
export const TOKENS = [
  token('', 'eip155:137', 'POL', 'Polygon Ecosystem Token', 18, true),
  token('0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359', 'eip155:137', 'USDC', 'USD Coin', 6, false),
  token('', 'eip155:8453', 'ETH', 'Ether', 18, true),
  token('0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', 'eip155:8453', 'USDC', 'USD Coin', 6, false),
  token('0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2', 'eip155:8453', 'USDT', 'Tether USD', 6, false),
  token('', 'eip155:42161', 'ETH', 'Ether', 18, true),
  token('0xaf88d065e77c8cC2239327C5EDb3A432268e5831', 'eip155:42161', 'USDC', 'USD Coin', 6, false),
  token('', 'eip155:84532', 'ETH', 'Sepolia Ether', 18, true),
  token('', 'aptos:testnet', 'APT', 'Aptos Coin', 8, true),
];

function token(address, caip, symbol, name, decimals, isPrimary) {
  const net = findNetwork(caip);
  return {
    address,
    caip_id: caip,
    symbol,
    image: `https://images.okto.tech/token_logos/${symbol}.png`,
    name,
    short_name: symbol,
    id: uuidFrom(`token:${caip}:${address || symbol}`),
    group_id: uuidFrom(`group:${symbol}`),
    is_primary: isPrimary,
    network_id: net.network_id,
    network_name: net.network_name,
    onramp_enabled: false,
    whitelisted: true,
    decimals: String(decimals),
    precision: String(Math.min(decimals, 6)),
  };
}

/** A deterministic UUID (version nibble 5, RFC 4122 variant) from a label. */
export function uuidFrom(label) {
  const h = keccak256(stringToBytes(label)).slice(2, 34).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/** A deterministic number in [0, mod) from a label. */
function numFrom(label, mod) {
  return Number(BigInt(keccak256(stringToBytes(label))) % BigInt(mod));
}

/** The user's address on a network: the SWA on EVM chains, a derived 32-byte address on Aptos. */
export function walletAddress(userSWA, network) {
  if (network.type === 'EVM') return getAddress(userSWA);
  return keccak256(stringToBytes(`aptos:${userSWA.toLowerCase()}`));
}

export function wallets(userSWA) {
  return NETWORKS.map((n) => ({
    caip_id: n.caip_id,
    network_name: n.network_name,
    address: walletAddress(userSWA, n),
    network_id: n.network_id,
    network_symbol: n.symbol,
  }));
}

const PRICES_USDT = { POL: 0.31, ETH: 2450.5, USDC: 1, USDT: 1, APT: 5.2 };
const USDT_INR = 84.5;

export function portfolio(userSWA) {
  const u = userSWA.toLowerCase();
  const holdings = TOKENS.filter((t) => t.caip_id !== 'eip155:84532').map((t) => {
    const units = (numFrom(`bal:${u}:${t.id}`, 9000) + 1000) / (t.symbol === 'ETH' ? 1e6 : 1e3);
    const usdt = units * PRICES_USDT[t.symbol];
    return { t, balance: units, usdt, inr: usdt * USDT_INR };
  });
  const groups = new Map();
  for (const h of holdings) {
    const g = groups.get(h.t.symbol) ?? [];
    g.push(h);
    groups.set(h.t.symbol, g);
  }
  const group_tokens = [];
  for (const [symbol, hs] of groups) {
    const primary = hs.find((h) => h.t.is_primary) ?? hs[0];
    const sum = (f) => hs.reduce((a, h) => a + h[f], 0);
    group_tokens.push({
      id: primary.t.id,
      name: primary.t.name,
      symbol,
      short_name: symbol,
      token_image: primary.t.image,
      token_address: primary.t.address,
      group_id: primary.t.group_id,
      network_id: primary.t.network_id,
      precision: primary.t.precision,
      network_name: primary.t.network_name,
      is_primary: primary.t.is_primary,
      balance: fmt(sum('balance')),
      holdings_price_usdt: fmt(sum('usdt')),
      holdings_price_inr: fmt(sum('inr')),
      aggregation_type: hs.length > 1 ? 'group' : 'token',
      tokens: hs.map((h) => ({
        id: h.t.id,
        name: h.t.name,
        symbol: h.t.symbol,
        short_name: h.t.short_name,
        token_image: h.t.image,
        token_address: h.t.address,
        network_id: h.t.network_id,
        precision: h.t.precision,
        network_name: h.t.network_name,
        is_primary: h.t.is_primary,
        balance: fmt(h.balance),
        holdings_price_usdt: fmt(h.usdt),
        holdings_price_inr: fmt(h.inr),
      })),
    });
  }
  const totalUsdt = holdings.reduce((a, h) => a + h.usdt, 0);
  return {
    aggregated_data: {
      holdings_count: String(holdings.length),
      holdings_price_inr: fmt(totalUsdt * USDT_INR),
      holdings_price_usdt: fmt(totalUsdt),
      total_holding_price_inr: fmt(totalUsdt * USDT_INR),
      total_holding_price_usdt: fmt(totalUsdt),
    },
    group_tokens,
  };
}

function fmt(x) {
  return String(Math.round(x * 1e6) / 1e6);
}

/** Fixture activity (a deposit and an NFT deposit) for a user; executed orders are added by the server. */
export function baseActivity(userSWA) {
  const u = userSWA.toLowerCase();
  const polygon = findNetwork('eip155:137');
  const base = findNetwork('eip155:8453');
  const t0 = 1739176632;
  return [
    {
      symbol: 'USDC',
      image: 'https://images.okto.tech/token_logos/USDC.png',
      name: 'USD Coin',
      short_name: 'USDC',
      id: uuidFrom('token:eip155:8453:0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913'),
      group_id: uuidFrom('group:USDC'),
      description: 'Deposit',
      quantity: '25.000000',
      amount: '25',
      order_type: 'EXTERNAL_TRANSFER',
      transfer_type: 'DEPOSIT',
      status: true,
      created_at: t0 + 3600,
      updated_at: t0 + 3600,
      timestamp: t0 + 3600,
      tx_hash: keccak256(stringToBytes(`activity:deposit:${u}`)),
      network_id: base.network_id,
      network_name: base.network_name,
      network_explorer_url: base.explorer,
      network_symbol: base.symbol,
      caip_id: base.caip_id,
    },
    {
      symbol: '',
      image: '',
      name: '',
      short_name: '',
      id: '',
      group_id: '',
      description: 'NFT Deposit',
      quantity: '1.000000000000000000',
      amount: '',
      order_type: 'EXTERNAL_TRANSFER',
      transfer_type: 'DEPOSIT',
      status: true,
      created_at: t0,
      updated_at: t0,
      timestamp: t0,
      tx_hash: keccak256(stringToBytes(`activity:nft:${u}`)),
      network_id: polygon.network_id,
      network_name: polygon.network_name,
      network_explorer_url: polygon.explorer,
      network_symbol: 'POLYGON',
      caip_id: polygon.caip_id,
    },
  ];
}

export function nfts(userSWA) {
  const u = userSWA.toLowerCase();
  return [
    {
      caip_id: 'eip155:137',
      network_name: 'POLYGON',
      entity_type: 'ERC1155',
      collection_address: '0x127e47aba094a9a87d084a3a93732909ff031419',
      collection_name: 'Genius Token & NFT Collections',
      nft_id: '0',
      image: '',
      quantity: '2.000000000000000000',
      token_uri: 'https://nft.gnus.ai/{id}',
      description: '',
      nft_name: '',
      explorer_smart_contract_url:
        'https://polygonscan.com/search?f=0&q=0x127e47aba094a9a87d084a3a93732909ff031419',
      collection_image: '',
    },
    {
      caip_id: 'eip155:8453',
      network_name: 'BASE',
      entity_type: 'ERC721',
      collection_address: '0x68ee2dddcbb1c03df5fc4b6235d993b8b4d1d0e5',
      collection_name: 'Okto Dev Badges',
      nft_id: String(numFrom(`nft:${u}`, 10000)),
      image: 'https://images.okto.tech/dev/badge.png',
      quantity: '1',
      token_uri: 'https://images.okto.tech/dev/badge.json',
      description: 'A badge minted for the dev gateway user',
      nft_name: 'Dev Badge',
      explorer_smart_contract_url:
        'https://basescan.org/address/0x68ee2dddcbb1c03df5fc4b6235d993b8b4d1d0e5',
      collection_image: '',
    },
  ];
}

/** A plausible, deterministic contract-read result: one value per ABI output. */
export function readResult(caip2Id, request) {
  const seed = `${caip2Id}:${JSON.stringify(request)}`;
  const outputs = Array.isArray(request?.abi?.outputs) ? request.abi.outputs : [{ type: 'uint256' }];
  if (!caip2Id.startsWith('eip155:')) return [String(numFrom(seed, 1e9))];
  return outputs.map((o, i) => {
    const t = String(o?.type ?? 'uint256');
    if (t.startsWith('uint') || t.startsWith('int')) return String(numFrom(`${seed}:${i}`, 1e11));
    if (t === 'address') return getAddress(keccak256(stringToBytes(`${seed}:${i}`)).slice(0, 42));
    if (t === 'bool') return false;
    if (t === 'string') return '';
    if (t.startsWith('bytes')) return '0x';
    return '';
  });
}
