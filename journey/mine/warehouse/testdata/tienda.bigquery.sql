-- journey mine: the aggregates of analitica.eventos in bigquery SQL, with the touchpoints of tienda.journey.yaml.
-- Run each statement and save its result as NAME.csv (a header line) in one
-- folder, NAME as on its journey-aggregate line, then:
--   journey mine [MAP] --aggregates FOLDER
-- Paths join nodes with U+001F. Durations are seconds: exact in groups of up to 64,
-- else one value per histogram bucket (under 0.8% wide), as journey mine counts them.

-- journey-aggregate: summary
WITH ev AS (
  SELECT CAST(`cliente` AS STRING) AS c, CAST(`evento` AS STRING) AS a, UNIX_MICROS(`fecha`) AS t,
    COALESCE(CAST(`canal` AS STRING), '') AS ch0, '' AS dev, '' AS own0
  FROM `analitica`.`eventos`
  WHERE `cliente` IS NOT NULL AND `evento` IS NOT NULL AND `fecha` IS NOT NULL
    AND UNIX_MICROS(`fecha`) >= 1767225600000000
    AND UNIX_MICROS(`fecha`) < 1782864000000001
    AND CAST(`canal` AS STRING) IN ('web', 'redes')
), nd AS (
  SELECT ev.*,
    CASE
      WHEN a = 'Pedido O\'Brien' THEN 'pago'
      WHEN a = 'anuncio' THEN 'anuncio'
      WHEN a = 'catalogo' THEN 'catalogo'
      WHEN a = 'pago' THEN 'pago'
      WHEN a = 'Anuncio en Instagram' THEN 'anuncio'
      WHEN a = 'Catálogo d\'otoño' THEN 'catalogo'
      WHEN a = 'Pago con tarjeta; sin \\ barra' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio en instagram' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo d\'otono' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago con tarjeta; sin \\ barra' THEN 'pago'
      ELSE a END AS node
  FROM ev
), nd2 AS (
  SELECT nd.*,
    CASE node
      WHEN 'anuncio' THEN 'descubre'
      WHEN 'catalogo' THEN 'descubre'
      WHEN 'pago' THEN 'compra'
      ELSE NULL END AS stage,
    CASE WHEN ch0 <> '' THEN ch0 ELSE CASE node
      WHEN 'anuncio' THEN 'redes'
      WHEN 'catalogo' THEN 'web'
      WHEN 'pago' THEN 'web'
      ELSE '' END END AS ch,
    CASE WHEN own0 <> '' THEN own0 ELSE CASE node
      WHEN 'anuncio' THEN 'marketing'
      WHEN 'pago' THEN 'ventas'
      ELSE '' END END AS own
  FROM nd
), seq AS (
  SELECT c, a, t, node, stage, ch, dev, own,
    ROW_NUMBER() OVER (PARTITION BY c ORDER BY t, a) AS i,
    COUNT(*) OVER (PARTITION BY c) AS n
  FROM nd2
)
SELECT MIN(t) AS first_us, MAX(t) AS last_us FROM seq;

-- journey-aggregate: activities
WITH ev AS (
  SELECT CAST(`cliente` AS STRING) AS c, CAST(`evento` AS STRING) AS a, UNIX_MICROS(`fecha`) AS t,
    COALESCE(CAST(`canal` AS STRING), '') AS ch0, '' AS dev, '' AS own0
  FROM `analitica`.`eventos`
  WHERE `cliente` IS NOT NULL AND `evento` IS NOT NULL AND `fecha` IS NOT NULL
    AND UNIX_MICROS(`fecha`) >= 1767225600000000
    AND UNIX_MICROS(`fecha`) < 1782864000000001
    AND CAST(`canal` AS STRING) IN ('web', 'redes')
), nd AS (
  SELECT ev.*,
    CASE
      WHEN a = 'Pedido O\'Brien' THEN 'pago'
      WHEN a = 'anuncio' THEN 'anuncio'
      WHEN a = 'catalogo' THEN 'catalogo'
      WHEN a = 'pago' THEN 'pago'
      WHEN a = 'Anuncio en Instagram' THEN 'anuncio'
      WHEN a = 'Catálogo d\'otoño' THEN 'catalogo'
      WHEN a = 'Pago con tarjeta; sin \\ barra' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio en instagram' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo d\'otono' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago con tarjeta; sin \\ barra' THEN 'pago'
      ELSE a END AS node
  FROM ev
), nd2 AS (
  SELECT nd.*,
    CASE node
      WHEN 'anuncio' THEN 'descubre'
      WHEN 'catalogo' THEN 'descubre'
      WHEN 'pago' THEN 'compra'
      ELSE NULL END AS stage,
    CASE WHEN ch0 <> '' THEN ch0 ELSE CASE node
      WHEN 'anuncio' THEN 'redes'
      WHEN 'catalogo' THEN 'web'
      WHEN 'pago' THEN 'web'
      ELSE '' END END AS ch,
    CASE WHEN own0 <> '' THEN own0 ELSE CASE node
      WHEN 'anuncio' THEN 'marketing'
      WHEN 'pago' THEN 'ventas'
      ELSE '' END END AS own
  FROM nd
), seq AS (
  SELECT c, a, t, node, stage, ch, dev, own,
    ROW_NUMBER() OVER (PARTITION BY c ORDER BY t, a) AS i,
    COUNT(*) OVER (PARTITION BY c) AS n
  FROM nd2
)
SELECT a AS activity, node, COUNT(*) AS events, COUNT(DISTINCT c) AS cases FROM seq GROUP BY a, node ORDER BY a;

-- journey-aggregate: variants
WITH ev AS (
  SELECT CAST(`cliente` AS STRING) AS c, CAST(`evento` AS STRING) AS a, UNIX_MICROS(`fecha`) AS t,
    COALESCE(CAST(`canal` AS STRING), '') AS ch0, '' AS dev, '' AS own0
  FROM `analitica`.`eventos`
  WHERE `cliente` IS NOT NULL AND `evento` IS NOT NULL AND `fecha` IS NOT NULL
    AND UNIX_MICROS(`fecha`) >= 1767225600000000
    AND UNIX_MICROS(`fecha`) < 1782864000000001
    AND CAST(`canal` AS STRING) IN ('web', 'redes')
), nd AS (
  SELECT ev.*,
    CASE
      WHEN a = 'Pedido O\'Brien' THEN 'pago'
      WHEN a = 'anuncio' THEN 'anuncio'
      WHEN a = 'catalogo' THEN 'catalogo'
      WHEN a = 'pago' THEN 'pago'
      WHEN a = 'Anuncio en Instagram' THEN 'anuncio'
      WHEN a = 'Catálogo d\'otoño' THEN 'catalogo'
      WHEN a = 'Pago con tarjeta; sin \\ barra' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio en instagram' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo d\'otono' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago con tarjeta; sin \\ barra' THEN 'pago'
      ELSE a END AS node
  FROM ev
), nd2 AS (
  SELECT nd.*,
    CASE node
      WHEN 'anuncio' THEN 'descubre'
      WHEN 'catalogo' THEN 'descubre'
      WHEN 'pago' THEN 'compra'
      ELSE NULL END AS stage,
    CASE WHEN ch0 <> '' THEN ch0 ELSE CASE node
      WHEN 'anuncio' THEN 'redes'
      WHEN 'catalogo' THEN 'web'
      WHEN 'pago' THEN 'web'
      ELSE '' END END AS ch,
    CASE WHEN own0 <> '' THEN own0 ELSE CASE node
      WHEN 'anuncio' THEN 'marketing'
      WHEN 'pago' THEN 'ventas'
      ELSE '' END END AS own
  FROM nd
), seq AS (
  SELECT c, a, t, node, stage, ch, dev, own,
    ROW_NUMBER() OVER (PARTITION BY c ORDER BY t, a) AS i,
    COUNT(*) OVER (PARTITION BY c) AS n
  FROM nd2
), paths AS (
  SELECT c, STRING_AGG(node, CODE_POINTS_TO_STRING([31]) ORDER BY i) AS path, CAST(MAX(t) - MIN(t) AS FLOAT64) / 1e6 AS x FROM seq GROUP BY c
), pv_x AS (
  SELECT path, x, COUNT(*) OVER (PARTITION BY path) AS gn FROM paths
), pv_b AS (
  SELECT path, CASE WHEN gn <= 64 OR x <= 0 THEN x ELSE pow(2, floor(LOG(x, 2))) * (1 + (floor((x / pow(2, floor(LOG(x, 2))) - 1) * 128) + 0.5) / 128) END AS seconds FROM pv_x
)
SELECT path, seconds, COUNT(*) AS n FROM pv_b GROUP BY path, seconds ORDER BY path, seconds;

-- journey-aggregate: edges
WITH ev AS (
  SELECT CAST(`cliente` AS STRING) AS c, CAST(`evento` AS STRING) AS a, UNIX_MICROS(`fecha`) AS t,
    COALESCE(CAST(`canal` AS STRING), '') AS ch0, '' AS dev, '' AS own0
  FROM `analitica`.`eventos`
  WHERE `cliente` IS NOT NULL AND `evento` IS NOT NULL AND `fecha` IS NOT NULL
    AND UNIX_MICROS(`fecha`) >= 1767225600000000
    AND UNIX_MICROS(`fecha`) < 1782864000000001
    AND CAST(`canal` AS STRING) IN ('web', 'redes')
), nd AS (
  SELECT ev.*,
    CASE
      WHEN a = 'Pedido O\'Brien' THEN 'pago'
      WHEN a = 'anuncio' THEN 'anuncio'
      WHEN a = 'catalogo' THEN 'catalogo'
      WHEN a = 'pago' THEN 'pago'
      WHEN a = 'Anuncio en Instagram' THEN 'anuncio'
      WHEN a = 'Catálogo d\'otoño' THEN 'catalogo'
      WHEN a = 'Pago con tarjeta; sin \\ barra' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio en instagram' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo d\'otono' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago con tarjeta; sin \\ barra' THEN 'pago'
      ELSE a END AS node
  FROM ev
), nd2 AS (
  SELECT nd.*,
    CASE node
      WHEN 'anuncio' THEN 'descubre'
      WHEN 'catalogo' THEN 'descubre'
      WHEN 'pago' THEN 'compra'
      ELSE NULL END AS stage,
    CASE WHEN ch0 <> '' THEN ch0 ELSE CASE node
      WHEN 'anuncio' THEN 'redes'
      WHEN 'catalogo' THEN 'web'
      WHEN 'pago' THEN 'web'
      ELSE '' END END AS ch,
    CASE WHEN own0 <> '' THEN own0 ELSE CASE node
      WHEN 'anuncio' THEN 'marketing'
      WHEN 'pago' THEN 'ventas'
      ELSE '' END END AS own
  FROM nd
), seq AS (
  SELECT c, a, t, node, stage, ch, dev, own,
    ROW_NUMBER() OVER (PARTITION BY c ORDER BY t, a) AS i,
    COUNT(*) OVER (PARTITION BY c) AS n
  FROM nd2
), steps AS (
  SELECT seq.*,
    LEAD(t) OVER (PARTITION BY c ORDER BY i) AS t_next,
    LEAD(node) OVER (PARTITION BY c ORDER BY i) AS node_next,
    LEAD(ch) OVER (PARTITION BY c ORDER BY i) AS ch_next,
    LEAD(dev) OVER (PARTITION BY c ORDER BY i) AS dev_next,
    LEAD(own) OVER (PARTITION BY c ORDER BY i) AS own_next
  FROM seq
), moves AS (
  SELECT node AS from_node, node_next AS to_node, CAST(t_next - t AS FLOAT64) / 1e6 AS x FROM steps WHERE node_next IS NOT NULL
), mv_x AS (
  SELECT from_node, to_node, x, COUNT(*) OVER (PARTITION BY from_node, to_node) AS gn FROM moves
), mv_b AS (
  SELECT from_node, to_node, CASE WHEN gn <= 64 OR x <= 0 THEN x ELSE pow(2, floor(LOG(x, 2))) * (1 + (floor((x / pow(2, floor(LOG(x, 2))) - 1) * 128) + 0.5) / 128) END AS seconds FROM mv_x
)
SELECT from_node, to_node, seconds, COUNT(*) AS n FROM mv_b GROUP BY from_node, to_node, seconds ORDER BY from_node, to_node, seconds;

-- journey-aggregate: stages
WITH ev AS (
  SELECT CAST(`cliente` AS STRING) AS c, CAST(`evento` AS STRING) AS a, UNIX_MICROS(`fecha`) AS t,
    COALESCE(CAST(`canal` AS STRING), '') AS ch0, '' AS dev, '' AS own0
  FROM `analitica`.`eventos`
  WHERE `cliente` IS NOT NULL AND `evento` IS NOT NULL AND `fecha` IS NOT NULL
    AND UNIX_MICROS(`fecha`) >= 1767225600000000
    AND UNIX_MICROS(`fecha`) < 1782864000000001
    AND CAST(`canal` AS STRING) IN ('web', 'redes')
), nd AS (
  SELECT ev.*,
    CASE
      WHEN a = 'Pedido O\'Brien' THEN 'pago'
      WHEN a = 'anuncio' THEN 'anuncio'
      WHEN a = 'catalogo' THEN 'catalogo'
      WHEN a = 'pago' THEN 'pago'
      WHEN a = 'Anuncio en Instagram' THEN 'anuncio'
      WHEN a = 'Catálogo d\'otoño' THEN 'catalogo'
      WHEN a = 'Pago con tarjeta; sin \\ barra' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio en instagram' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo d\'otono' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago con tarjeta; sin \\ barra' THEN 'pago'
      ELSE a END AS node
  FROM ev
), nd2 AS (
  SELECT nd.*,
    CASE node
      WHEN 'anuncio' THEN 'descubre'
      WHEN 'catalogo' THEN 'descubre'
      WHEN 'pago' THEN 'compra'
      ELSE NULL END AS stage,
    CASE WHEN ch0 <> '' THEN ch0 ELSE CASE node
      WHEN 'anuncio' THEN 'redes'
      WHEN 'catalogo' THEN 'web'
      WHEN 'pago' THEN 'web'
      ELSE '' END END AS ch,
    CASE WHEN own0 <> '' THEN own0 ELSE CASE node
      WHEN 'anuncio' THEN 'marketing'
      WHEN 'pago' THEN 'ventas'
      ELSE '' END END AS own
  FROM nd
), seq AS (
  SELECT c, a, t, node, stage, ch, dev, own,
    ROW_NUMBER() OVER (PARTITION BY c ORDER BY t, a) AS i,
    COUNT(*) OVER (PARTITION BY c) AS n
  FROM nd2
), steps AS (
  SELECT seq.*,
    LEAD(t) OVER (PARTITION BY c ORDER BY i) AS t_next,
    LEAD(node) OVER (PARTITION BY c ORDER BY i) AS node_next,
    LEAD(ch) OVER (PARTITION BY c ORDER BY i) AS ch_next,
    LEAD(dev) OVER (PARTITION BY c ORDER BY i) AS dev_next,
    LEAD(own) OVER (PARTITION BY c ORDER BY i) AS own_next
  FROM seq
), st AS (
  SELECT c, stage, t, i, COALESCE(t_next, t) AS t_end, MAX(i) OVER (PARTITION BY c, stage) AS last_i FROM steps WHERE stage IS NOT NULL
), per AS (
  SELECT c, stage, CAST(MAX(CASE WHEN i = last_i THEN t_end END) - MIN(t) AS FLOAT64) / 1e6 AS x FROM st GROUP BY c, stage
), ps_x AS (
  SELECT stage, x, COUNT(*) OVER (PARTITION BY stage) AS gn FROM per
), ps_b AS (
  SELECT stage, CASE WHEN gn <= 64 OR x <= 0 THEN x ELSE pow(2, floor(LOG(x, 2))) * (1 + (floor((x / pow(2, floor(LOG(x, 2))) - 1) * 128) + 0.5) / 128) END AS seconds FROM ps_x
)
SELECT stage, seconds, COUNT(*) AS n FROM ps_b GROUP BY stage, seconds ORDER BY stage, seconds;

-- journey-aggregate: gaps
WITH ev AS (
  SELECT CAST(`cliente` AS STRING) AS c, CAST(`evento` AS STRING) AS a, UNIX_MICROS(`fecha`) AS t,
    COALESCE(CAST(`canal` AS STRING), '') AS ch0, '' AS dev, '' AS own0
  FROM `analitica`.`eventos`
  WHERE `cliente` IS NOT NULL AND `evento` IS NOT NULL AND `fecha` IS NOT NULL
    AND UNIX_MICROS(`fecha`) >= 1767225600000000
    AND UNIX_MICROS(`fecha`) < 1782864000000001
    AND CAST(`canal` AS STRING) IN ('web', 'redes')
), nd AS (
  SELECT ev.*,
    CASE
      WHEN a = 'Pedido O\'Brien' THEN 'pago'
      WHEN a = 'anuncio' THEN 'anuncio'
      WHEN a = 'catalogo' THEN 'catalogo'
      WHEN a = 'pago' THEN 'pago'
      WHEN a = 'Anuncio en Instagram' THEN 'anuncio'
      WHEN a = 'Catálogo d\'otoño' THEN 'catalogo'
      WHEN a = 'Pago con tarjeta; sin \\ barra' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'anuncio en instagram' THEN 'anuncio'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'catalogo d\'otono' THEN 'catalogo'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago' THEN 'pago'
      WHEN LOWER(TRIM(REGEXP_REPLACE(NORMALIZE(a, NFD), r'\p{M}', ''))) = 'pago con tarjeta; sin \\ barra' THEN 'pago'
      ELSE a END AS node
  FROM ev
), nd2 AS (
  SELECT nd.*,
    CASE node
      WHEN 'anuncio' THEN 'descubre'
      WHEN 'catalogo' THEN 'descubre'
      WHEN 'pago' THEN 'compra'
      ELSE NULL END AS stage,
    CASE WHEN ch0 <> '' THEN ch0 ELSE CASE node
      WHEN 'anuncio' THEN 'redes'
      WHEN 'catalogo' THEN 'web'
      WHEN 'pago' THEN 'web'
      ELSE '' END END AS ch,
    CASE WHEN own0 <> '' THEN own0 ELSE CASE node
      WHEN 'anuncio' THEN 'marketing'
      WHEN 'pago' THEN 'ventas'
      ELSE '' END END AS own
  FROM nd
), seq AS (
  SELECT c, a, t, node, stage, ch, dev, own,
    ROW_NUMBER() OVER (PARTITION BY c ORDER BY t, a) AS i,
    COUNT(*) OVER (PARTITION BY c) AS n
  FROM nd2
), steps AS (
  SELECT seq.*,
    LEAD(t) OVER (PARTITION BY c ORDER BY i) AS t_next,
    LEAD(node) OVER (PARTITION BY c ORDER BY i) AS node_next,
    LEAD(ch) OVER (PARTITION BY c ORDER BY i) AS ch_next,
    LEAD(dev) OVER (PARTITION BY c ORDER BY i) AS dev_next,
    LEAD(own) OVER (PARTITION BY c ORDER BY i) AS own_next
  FROM seq
)
SELECT 'channel' AS kind, ch AS from_value, ch_next AS to_value, COUNT(*) AS switches, COUNT(DISTINCT c) AS cases,
  SUM(CASE WHEN i >= n - 2 THEN 1 ELSE 0 END) AS ended_within_two
FROM steps WHERE ch <> '' AND ch_next <> '' AND ch <> ch_next GROUP BY ch, ch_next
UNION ALL
SELECT 'device' AS kind, dev AS from_value, dev_next AS to_value, COUNT(*) AS switches, COUNT(DISTINCT c) AS cases,
  SUM(CASE WHEN i >= n - 2 THEN 1 ELSE 0 END) AS ended_within_two
FROM steps WHERE dev <> '' AND dev_next <> '' AND dev <> dev_next GROUP BY dev, dev_next
UNION ALL
SELECT 'owner' AS kind, own AS from_value, own_next AS to_value, COUNT(*) AS switches, COUNT(DISTINCT c) AS cases,
  SUM(CASE WHEN i >= n - 2 THEN 1 ELSE 0 END) AS ended_within_two
FROM steps WHERE own <> '' AND own_next <> '' AND own <> own_next GROUP BY own, own_next;
