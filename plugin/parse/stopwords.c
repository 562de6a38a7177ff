/*
 * stopwords.c: per-language lists of function words (stopwords.h).
 *
 * Each list holds words that make up a large share of the running text
 * of any prose in the language and almost none of a menu or a list of
 * names. They are looked up in one table built once, from each folded
 * word to the languages that list it; a text's word is one lookup.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/stopwords.h"

static const struct {
	const char	*lang;
	const char	*words;		/* space-separated, lower case */
} lists[] = {
	{ "en", "the of and to a in is it that for was on with as he she "
	    "they at by this be are from or have has had not but an his "
	    "her their its which who we you i will would were been there "
	    "said all one more about also than when can if so no up out "
	    "what after into over could our them him these those do does" },
	{ "de", "der die das und in den von zu mit sich des auf für ist im "
	    "dem nicht ein eine als auch es an werden aus er hat dass sie "
	    "nach wird bei einer um am sind noch wie einem über einen so "
	    "zum war haben nur oder aber vor zur bis mehr durch man sein "
	    "wurde ich wir ihr kann schon wenn sei" },
	{ "fr", "le la les de des du un une et en est que qui dans pour "
	    "pas sur au aux par plus ne se ce il elle ils sont a avec son "
	    "sa ses ou mais été être cette nous vous on l d qu n s c j y "
	    "leur comme tout lui ont était aussi" },
	{ "es", "el la los las de del y en que a un una es por con para no "
	    "se lo su sus al más como pero fue ha son o le este esta "
	    "también sin sobre entre ya muy hasta desde cuando todo porque "
	    "hay les era han" },
	{ "pt", "o a os as de do da dos das e em no na nos nas um uma que "
	    "para com por não se é foi ao mais como mas ou seu sua seus "
	    "também pelo pela já ser está são muito à ele ela eles tem" },
	{ "it", "il lo la i gli le di del della dei delle e è in un una "
	    "che per con non si da al alla sono ha più ma come anche nel "
	    "nella questo questa era o tra fra suo sua dopo ci ne essere "
	    "stato hanno l d" },
	{ "nl", "de het een en van in is dat op te zijn niet met voor die "
	    "aan er ook als bij door maar om dan nog wordt heeft of uit "
	    "hij zij we ze was" },
	{ "ru", "и в не на что с по к я он она они это как а но из у за "
	    "от же все так его ее её для о бы было был была были мы вы то "
	    "уже или ли только еще ещё если когда до при после также "
	    "который которые которая которого их при чтобы может" },
	{ "uk", "і в не на що з по до я він вона вони це як а але із у за "
	    "від же все так його її для про б було був була були ми ви те "
	    "вже або чи тільки ще якщо коли після також який які яка" },
	{ "id", "yang dan di ini itu dengan untuk tidak dari dalam akan "
	    "pada juga ke ada oleh karena bisa sudah saya kita mereka atau "
	    "tersebut adalah lebih seperti telah hanya jika kami ia dia "
	    "para bahwa masih" },
	{ "ar", "في من على إلى الى عن أن ان إن التي الذي هذا هذه مع كان "
	    "كانت ما لا لم قد ثم أو بين كل بعد عند حتى هو هي وقد وفي "
	    "ذلك منذ خلال لن" },
	{ "pl", "i w nie na z się że do jest to o jak ale po co tak od za "
	    "przez jego już oraz był była są dla" },
	{ "ro", "și de la în cu care pe din este un o să nu mai au ca "
	    "pentru ce fost sunt" },
	{ "tr", "ve bir bu da de ile için çok olarak gibi daha ne en o ama "
	    "kadar sonra" },
	{ "ko", "그 이 저 것 수 등 및 또 더 그리고 하지만 있는 있다 했다 "
	    "한다 된다 없는 위해 대한 통해 있는데 그는 이런 이는" },
};

#define NLISTS		(sizeof(lists) / sizeof(lists[0]))
/* No stop word is longer (in bytes); a longer word is none. */
#define STOP_MAXLEN	16

/*
 * Folded word -> mask of the lists holding it, in a table of its own
 * built once: a word is its bytes zero-padded into two 64-bit keys,
 * hashed by multiplying, probed linearly. Every word of a page is
 * looked up, so this costs a few instructions, not a string hash.
 */
#define SLOT_BITS	11		/* 2048 slots for some 600 words */
#define NSLOTS		(1u << SLOT_BITS)

struct stop_slot {
	uint64_t	k0, k1;
	unsigned	len;		/* 0: empty */
	unsigned	mask;
};

static struct stop_slot table[NSLOTS];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static size_t
slot_home(uint64_t k0, uint64_t k1, size_t len)
{
	return (size_t)(((k0 * 0x9e3779b97f4a7c15ull) ^
	    ((k1 + len) * 0xc2b2ae3d27d4eb4full)) >> (64 - SLOT_BITS));
}

/* The slot of the folded word f[0..len) (STOP_MAXLEN bytes readable,
 * zero after len): where it is, or the empty one where it would go. */
static struct stop_slot *
slot_of(const char *f, size_t len)
{
	uint64_t k0, k1;
	size_t i;

	memcpy(&k0, f, 8);
	memcpy(&k1, f + 8, 8);
	for (i = slot_home(k0, k1, len);; i = (i + 1) & (NSLOTS - 1))
		if (table[i].len == 0 || (table[i].len == len &&
		    table[i].k0 == k0 && table[i].k1 == k1))
			return &table[i];
}

/* Folds capitals of w[0..len) into out (len bytes). */
static void
fold(char *out, const char *w, size_t len)
{
	const unsigned char *p = (const unsigned char *)w;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = p[i];

		if (c >= 'A' && c <= 'Z')
			c += 32;
		else if (i + 1 < len && c == 0xc3 && p[i + 1] >= 0x80 &&
		    p[i + 1] <= 0x9e && p[i + 1] != 0x97) {
			out[i++] = (char)c;	/* À..Þ -> à..þ */
			c = p[i] + 0x20;
		} else if (i + 1 < len && c == 0xd0 && p[i + 1] >= 0x90 &&
		    p[i + 1] <= 0xaf) {
			/* А..Я -> а..я, across the 0xd0/0xd1 border. */
			if (p[i + 1] <= 0x9f) {
				out[i++] = (char)0xd0;
				c = p[i] + 0x20;
			} else {
				out[i++] = (char)0xd1;
				c = p[i] - 0x20;
			}
		} else if (i + 1 < len && c == 0xd0 && p[i + 1] == 0x81) {
			out[i++] = (char)0xd1;	/* Ё -> ё */
			c = 0x91;
		}
		out[i] = (char)c;
	}
	}

static void
build(void)
{
	size_t k, len, used = 0;
	const char *p, *e;
	char f[STOP_MAXLEN];
	struct stop_slot *sl;

	if (NLISTS > STOPWORDS_MAX_LANGS)
		abort();	/* the masks hold STOPWORDS_MAX_LANGS */
	for (k = 0; k < NLISTS; k++)
		for (p = lists[k].words; *p != '\0'; p = e) {
			while (*p == ' ')
				p++;
			if ((e = strchr(p, ' ')) == NULL)
				e = p + strlen(p);
			if ((len = (size_t)(e - p)) == 0)
				continue;
			/* The lists must fit the keys and the table. */
			if (len > STOP_MAXLEN || ++used > NSLOTS / 2)
				abort();
			memset(f, 0, sizeof(f));
			memcpy(f, p, len);
			sl = slot_of(f, len);
			if (sl->len == 0) {
				memcpy(&sl->k0, f, 8);
				memcpy(&sl->k1, f + 8, 8);
				sl->len = (unsigned)len;
			}
			sl->mask |= 1u << k;
		}
}

size_t
stopwords_count(void)
{
	return NLISTS;
}

const char *
stopwords_lang(size_t k)
{
	return k < NLISTS ? lists[k].lang : NULL;
}

int
stopwords_index(const char *lang)
{
	size_t k;

	for (k = 0; lang != NULL && k < NLISTS; k++)
		if (strcmp(lists[k].lang, lang) == 0)
			return (int)k;
	return -1;
}

unsigned
stopwords_langs(const char *w, size_t len)
{
	char f[STOP_MAXLEN] = { 0 };

	pthread_once(&table_once, build);
	if (len == 0 || len > STOP_MAXLEN)
		return 0;
	fold(f, w, len);
	return slot_of(f, len)->mask;
}
